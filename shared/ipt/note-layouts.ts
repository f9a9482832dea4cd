/**
 * Session note layouts. The note is one set of structured fields; IPT, SOAP, DAP and BIRP are
 * different groupings of the same fields, so switching layout never loses or copies text.
 */
export const NOTE_TEXT_FIELDS = ['intervalMood', 'intervalEvents', 'moodEventLink', 'affectObserved', 'workDone', 'clientResponse', 'planNext', 'task', 'taskReviewNote'] as const;
export type NoteTextField = (typeof NOTE_TEXT_FIELDS)[number];

export const NOTE_FIELD_LABELS: Record<NoteTextField, string> = {
  intervalMood: 'Mood since the last session',
  intervalEvents: 'Events since the last session',
  moodEventLink: 'Link between mood and events',
  affectObserved: 'Affect observed',
  workDone: 'Work on the problem area',
  clientResponse: 'Client’s response',
  planNext: 'Plan for the next session',
  task: 'Between-session task (optional)',
  taskReviewNote: 'Review of the last task',
};

export const NOTE_LAYOUTS = ['ipt', 'soap', 'dap', 'birp'] as const;
export type NoteLayout = (typeof NOTE_LAYOUTS)[number];
export const NOTE_LAYOUT_LABELS: Record<NoteLayout, string> = { ipt: 'IPT', soap: 'SOAP', dap: 'DAP', birp: 'BIRP' };

export const LAYOUT_SECTIONS: Record<NoteLayout, { title: string; fields: NoteTextField[] }[]> = {
  ipt: [
    { title: 'Interval history', fields: ['intervalMood', 'intervalEvents', 'moodEventLink'] },
    { title: 'Problem-area work', fields: ['workDone', 'clientResponse', 'affectObserved'] },
    { title: 'Tasks and plan', fields: ['taskReviewNote', 'task', 'planNext'] },
  ],
  soap: [
    { title: 'Subjective', fields: ['intervalMood', 'intervalEvents', 'moodEventLink', 'taskReviewNote'] },
    { title: 'Objective', fields: ['affectObserved'] },
    { title: 'Assessment', fields: ['workDone', 'clientResponse'] },
    { title: 'Plan', fields: ['planNext', 'task'] },
  ],
  dap: [
    { title: 'Data', fields: ['intervalMood', 'intervalEvents', 'moodEventLink', 'affectObserved', 'taskReviewNote'] },
    { title: 'Assessment', fields: ['workDone', 'clientResponse'] },
    { title: 'Plan', fields: ['planNext', 'task'] },
  ],
  birp: [
    { title: 'Behaviour', fields: ['intervalMood', 'intervalEvents', 'moodEventLink', 'affectObserved'] },
    { title: 'Intervention', fields: ['workDone'] },
    { title: 'Response', fields: ['clientResponse', 'taskReviewNote'] },
    { title: 'Plan', fields: ['planNext', 'task'] },
  ],
};
