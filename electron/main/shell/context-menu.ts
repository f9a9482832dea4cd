/**
 * The right-click menu of a text field, as plain data from Electron's `context-menu` params:
 * spelling suggestions (when the checker marked the word), then cut, copy, paste and select all,
 * each enabled as the page's edit flags say. Outside a text field only Copy is offered, and only
 * when text is selected. index.ts turns it into an Electron menu; tests read it directly.
 */
export interface ContextMenuParams {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type ContextMenuItem =
  | { kind: 'role'; role: 'cut' | 'copy' | 'paste' | 'selectAll'; label: string; enabled: boolean }
  | { kind: 'replace'; label: string; word: string }
  | { kind: 'learn'; label: string; word: string }
  | { kind: 'note'; label: string }
  | { kind: 'separator' };

/** How many suggestions are offered, as in Chromium's own menu. */
const MAX_SUGGESTIONS = 5;

export function contextMenuItems(params: ContextMenuParams): ContextMenuItem[] {
  const f = params.editFlags;
  if (!params.isEditable) return params.selectionText.trim() && f.canCopy ? [{ kind: 'role', role: 'copy', label: 'Copy', enabled: true }] : [];
  const spelling: ContextMenuItem[] = [];
  if (params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) spelling.push({ kind: 'note', label: 'No spelling suggestions' });
    for (const word of suggestions) spelling.push({ kind: 'replace', label: word, word });
    spelling.push({ kind: 'learn', label: 'Add to dictionary', word: params.misspelledWord }, { kind: 'separator' });
  }
  return [
    ...spelling,
    { kind: 'role', role: 'cut', label: 'Cut', enabled: f.canCut },
    { kind: 'role', role: 'copy', label: 'Copy', enabled: f.canCopy },
    { kind: 'role', role: 'paste', label: 'Paste', enabled: f.canPaste },
    { kind: 'separator' },
    { kind: 'role', role: 'selectAll', label: 'Select all', enabled: f.canSelectAll },
  ];
}
