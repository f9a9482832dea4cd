import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { templateDefinitionSchema } from '../../../shared/ipt/templates/logic.ts';
import { type FieldType, type TemplateDefinition, type TemplateField } from '../../../shared/ipt/templates/types.ts';
import { PROBLEM_AREAS } from '../../../shared/ipt/vocabulary.ts';
import { Alert } from '../components/Alert.tsx';
import { CheckboxField, SelectField } from '../components/Controls.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { useContractForm } from '../form.ts';
import { errorText } from '../ipt.ts';
import { mutateChannel, useChannel, useChannelMutation } from '../query.ts';
import { draftKey, useKeptDrafts } from '../unsaved.tsx';
import { useAreaLabels } from '../labels.tsx';

const TYPE_LABELS: Record<FieldType, string> = {
  text: 'Short text',
  longText: 'Long text',
  list: 'List (one per line)',
  choice: 'Choice',
  rating: 'Rating 0-10',
  person: 'Person from the inventory',
  exchange: 'Exchange, turn by turn',
  options: 'Options with for, against and a rating',
  steps: 'Steps with dates',
};

const TEMPLATE_FORM = 'template';
/** The start of a kept template draft's key; the template id follows. */
const TEMPLATE_DRAFT = draftKey(TEMPLATE_FORM, '');

/** The technique templates: copy a built-in one and make it your own; every save is a new version. */
export function TemplatesScreen() {
  const templates = useChannel('templates.list', { area: null });
  // The template being edited: after leaving this screen, the one whose unsaved edits are kept opens again.
  const kept = useKeptDrafts();
  const [editingId, setEditingId] = useState<string | null>(() => kept.find((d) => d.key.startsWith(TEMPLATE_DRAFT))?.key.slice(TEMPLATE_DRAFT.length) ?? null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  // A copy invalidates every templates read (the list here, the lists in session notes), so the list holds it when this runs.
  const clone = useChannelMutation('templates.clone', {
    onSuccess: (copy) => setEditingId(copy.id),
    onError: (error) => setMessage({ kind: 'error', text: errorText(error) }),
  });
  if (templates.error) return <Alert>{errorText(templates.error)}</Alert>;
  if (!templates.data) return <p aria-busy="true">Loading…</p>;
  const editing = (templates.data as TemplateDefinition[]).find((t) => t.id === editingId) ?? null;

  function copy(t: TemplateDefinition) {
    setMessage(null);
    clone.mutate({ templateId: t.id });
  }

  if (editing) {
    return (
      <TemplateEditor
        key={editing.id}
        initial={editing}
        onDone={(text) => {
          setEditingId(null);
          if (text) setMessage({ kind: 'success', text });
        }}
      />
    );
  }

  return (
    <section aria-labelledby="templates-heading" className="panel">
      <h2 id="templates-heading">Technique templates</h2>
      <p className="hint">Built-in templates cannot be changed, but you can make your own copy and edit it. Entries keep the version they were written with.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <ul className="people-list">
        {(templates.data as TemplateDefinition[]).map((t) => (
          <li key={t.id}>
            <div>
              <strong>{t.title}</strong>
              <span className="muted"> {t.id.startsWith('custom-') ? `· yours, version ${t.version}` : '· built in'}</span>
            </div>
            <div className="row-actions">
              <button type="button" onClick={() => copy(t)} disabled={clone.isPending}>
                Make my own copy<span className="visually-hidden"> of {t.title}</span>
              </button>
              {t.id.startsWith('custom-') && (
                <button type="button" onClick={() => setEditingId(t.id)}>
                  Edit<span className="visually-hidden"> {t.title}</span>
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function keyFor(label: string, taken: Set<string>): string {
  const words = label.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('').slice(0, 30) || 'field';
  if (!/^[a-z]/.test(base)) base = `f${base}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  return key;
}

function TemplateEditor({ initial, onDone }: { initial: TemplateDefinition; onDone: (message: string | null) => void }) {
  // keep: explicit Save, since each save is a new version and a half-built template is not valid yet;
  // unsaved edits survive leaving this screen, and a lock asks about them.
  const f = useContractForm({
    schema: templateDefinitionSchema,
    defaultValues: initial as z.input<typeof templateDefinitionSchema>,
    save: (definition) => mutateChannel('templates.saveVersion', { definition }),
    onSaved: (saved) => onDone(`Saved “${saved.title}” as version ${saved.version}.`),
    keep: { formId: TEMPLATE_FORM, recordId: initial.id, label: `the template “${initial.title}”` },
  });
  const t = useWatch({ control: f.form.control }) as TemplateDefinition;
  /** The editor changes whole parts of the definition (a section, a field's kind): each goes in as one value. */
  const setT = (next: TemplateDefinition) => {
    for (const key of ['title', 'summary', 'suits', 'sections'] as const) {
      if (next[key] !== t[key]) f.form.setValue(key, next[key] as never, { shouldDirty: true, shouldValidate: f.form.formState.isSubmitted });
    }
  };
  const errorAt = f.errorAt;
  const areaLabels = useAreaLabels();
  const keys = new Set(t.sections.flatMap((s) => s.fields.map((f) => f.key)));

  const setSection = (i: number, patch: Partial<TemplateDefinition['sections'][number]>) => setT({ ...t, sections: t.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setField = (si: number, fi: number, field: TemplateField) => setSection(si, { fields: t.sections[si]!.fields.map((f, j) => (j === fi ? field : f)) });
  const moveField = (si: number, fi: number, delta: number) => {
    const fields = [...t.sections[si]!.fields];
    const to = fi + delta;
    if (to < 0 || to >= fields.length) return;
    const [f] = fields.splice(fi, 1);
    fields.splice(to, 0, f!);
    setSection(si, { fields });
  };

  return (
    <section aria-labelledby="template-editor-heading" className="panel">
      <h2 id="template-editor-heading">Edit your template (now version {t.version})</h2>
      {f.formError && <Alert>{f.formError}</Alert>}
      {f.restored && <p className="saved-note">Unsaved changes from before are shown. Save them to keep them.</p>}
      <TextField label="Template title" value={t.title} onChange={(e) => setT({ ...t, title: e.target.value })} error={errorAt('title')} />
      <TextAreaField label="What it is for" value={t.summary} onChange={(e) => setT({ ...t, summary: e.target.value })} error={errorAt('summary')} />
      <fieldset className="choice-group">
        <legend>Problem areas it suits best</legend>
        {PROBLEM_AREAS.map((area) => (
          <CheckboxField key={area} label={areaLabels[area]} checked={t.suits.includes(area)} onChange={(on) => setT({ ...t, suits: on ? [...t.suits, area] : t.suits.filter((a) => a !== area) })} />
        ))}
      </fieldset>
      {t.sections.map((section, si) => (
        <fieldset key={si}>
          <legend>Section {si + 1}</legend>
          <TextField label={`Section ${si + 1} title`} value={section.title} onChange={(e) => setSection(si, { title: e.target.value })} error={errorAt(`sections.${si}.title`) ?? errorAt(`sections.${si}.fields`)} />
          <ol className="rows-editor">
            {section.fields.map((field, fi) => (
              <li key={field.key} className="row-card">
                <div className="grid">
                  <TextField label={`Section ${si + 1}, field ${fi + 1}: label`} value={field.label} onChange={(e) => setField(si, fi, { ...field, label: e.target.value })} error={errorAt(`sections.${si}.fields.${fi}.label`) ?? errorAt(`sections.${si}.fields.${fi}.key`)} />
                  <SelectField
                    label={`Section ${si + 1}, field ${fi + 1}: kind`}
                    value={field.type}
                    options={TYPE_LABELS}
                    onChange={(type) =>
                      setField(si, fi, type === 'choice' ? { key: field.key, label: field.label, ...(field.help ? { help: field.help } : {}), type, choices: field.type === 'choice' ? field.choices : [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] } : { key: field.key, label: field.label, ...(field.help ? { help: field.help } : {}), type })
                    }
                  />
                </div>
                <TextField label={`Section ${si + 1}, field ${fi + 1}: help text`} value={field.help ?? ''} onChange={(e) => setField(si, fi, { ...field, help: e.target.value })} error={errorAt(`sections.${si}.fields.${fi}.help`)} />
                {field.type === 'choice' && (
                  <TextAreaField
                    label={`Section ${si + 1}, field ${fi + 1}: options, one per line`}
                    error={errorAt(`sections.${si}.fields.${fi}.choices`)}
                    value={field.choices.map((c) => c.label).join('\n')}
                    onChange={(e) => {
                      const taken = new Set<string>();
                      const choices = e.target.value
                        .split('\n')
                        .filter((l) => l.trim())
                        .map((label) => {
                          const existing = field.choices.find((c) => c.label === label.trim());
                          const value = existing?.value ?? keyFor(label, taken);
                          taken.add(value);
                          return { value, label: label.trim() };
                        });
                      setField(si, fi, { ...field, choices });
                    }}
                  />
                )}
                <div className="row-actions">
                  <button type="button" onClick={() => moveField(si, fi, -1)} disabled={fi === 0}>
                    Up<span className="visually-hidden">: section {si + 1} field {fi + 1}</span>
                  </button>
                  <button type="button" onClick={() => moveField(si, fi, 1)} disabled={fi === section.fields.length - 1}>
                    Down<span className="visually-hidden">: section {si + 1} field {fi + 1}</span>
                  </button>
                  <button type="button" onClick={() => setSection(si, { fields: section.fields.filter((_, j) => j !== fi) })} disabled={section.fields.length === 1}>
                    Remove<span className="visually-hidden">: section {si + 1} field {fi + 1}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setSection(si, { fields: [...section.fields, { key: keyFor('new field', keys), label: 'New field', type: 'longText' }] })}>
            Add a field to section {si + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => setT({ ...t, sections: [...t.sections, { title: 'New section', fields: [{ key: keyFor('notes', keys), label: 'Notes', type: 'longText' }] }] })}>
        Add a section
      </button>
      <div className="actions sticky-actions">
        <button
          type="button"
          onClick={() => {
            f.discard();
            onDone(null);
          }}
        >
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void f.submit()} disabled={f.form.formState.isSubmitting}>
          Save as a new version
        </button>
      </div>
    </section>
  );
}

