import { useId, type ReactNode } from 'react';
import type { EntryValues, ExchangeTurn, FieldValue, OptionRow, StepRow, TemplateDefinition, TemplateField } from '../../../shared/ipt/templates/types.ts';
import { formatDate } from '../format.ts';
import { LinesField, SelectField } from './Controls.tsx';
import { FieldShell, TextAreaField, TextField } from './Field.tsx';

interface Props {
  template: TemplateDefinition;
  values: EntryValues;
  people: { id: string; name: string }[];
  /** Names to show for person ids (frozen names on a signed note). */
  peopleNames: Record<string, string>;
  readOnly: boolean;
  errors?: Record<string, string>;
  onChange: (values: EntryValues) => void;
  /** Prefixes labels so several entries on one page keep distinct accessible names. */
  labelPrefix?: string;
}

const RATING_OPTIONS: Record<string, string> = { '': 'Not rated', ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i), String(i)])) };

/** Draws any technique template, any version, from its definition. */
export function TemplateForm({ template, values, people, peopleNames, readOnly, errors = {}, onChange, labelPrefix = '' }: Props) {
  const set = (key: string, value: FieldValue) => onChange({ ...values, [key]: value });
  return (
    <div className="template-form">
      {template.sections.filter((section) => !readOnly || section.fields.some((f) => hasValue(values[f.key]))).map((section) => (
        <fieldset key={section.title}>
          <legend>{section.title}</legend>
          {section.fields.map((field) =>
            readOnly ? (
              <ReadOnlyField key={field.key} field={field} value={values[field.key]} peopleNames={peopleNames} />
            ) : (
              <EditableField key={field.key} field={field} value={values[field.key]} people={people} error={errors[field.key]} onChange={(v) => set(field.key, v)} prefix={labelPrefix} />
            ),
          )}
        </fieldset>
      ))}
    </div>
  );
}

function hasValue(value: FieldValue | undefined): boolean {
  return !(value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

function EditableField({ field, value, people, error, onChange, prefix }: { field: TemplateField; value: FieldValue | undefined; people: { id: string; name: string }[]; error: string | undefined; onChange: (v: FieldValue) => void; prefix: string }) {
  const label = `${prefix}${field.label}`;
  const hint = field.help;
  switch (field.type) {
    case 'text':
      return <TextField label={label} hint={hint} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} error={error} />;
    case 'longText':
      return <TextAreaField label={label} hint={hint} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} error={error} />;
    case 'list':
      return <LinesField label={label} hint={hint} value={(value as string[]) ?? []} onChange={onChange} error={error} />;
    case 'rating':
      return <SelectField label={label} hint={hint} value={value === null || value === undefined ? '' : String(value)} options={RATING_OPTIONS} onChange={(v) => onChange(v === '' ? null : Number(v))} error={error} />;
    case 'person':
      return (
        <SelectField
          label={label}
          hint={hint}
          value={(value as string) ?? ''}
          options={{ '': 'Nobody chosen', ...Object.fromEntries(people.map((p) => [p.id, p.name])) } as Record<string, string>}
          onChange={onChange}
          error={error}
        />
      );
    case 'choice':
      if (field.multiple) return <MultiChoice field={field} label={label} value={(value as string[]) ?? []} onChange={onChange} />;
      return (
        <SelectField
          label={label}
          hint={hint}
          value={(value as string) ?? ''}
          options={{ '': 'Not chosen', ...Object.fromEntries(field.choices.map((c) => [c.value, c.label])) } as Record<string, string>}
          onChange={onChange}
          error={error}
        />
      );
    case 'exchange':
      return <ExchangeEditor label={label} hint={hint} turns={(value as ExchangeTurn[]) ?? []} onChange={onChange} error={error} />;
    case 'options':
      return <OptionsEditor label={label} hint={hint} rows={(value as OptionRow[]) ?? []} onChange={onChange} error={error} />;
    case 'steps':
      return <StepsEditor label={label} hint={hint} rows={(value as StepRow[]) ?? []} onChange={onChange} error={error} />;
  }
}

function MultiChoice({ field, label, value, onChange }: { field: Extract<TemplateField, { type: 'choice' }>; label: string; value: string[]; onChange: (v: string[]) => void }) {
  const id = useId();
  return (
    <fieldset className="choice-group">
      <legend>{label}</legend>
      {field.choices.map((c) => (
        <div className="checkbox" key={c.value}>
          <input
            id={`${id}-${c.value}`}
            type="checkbox"
            checked={value.includes(c.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, c.value] : value.filter((v) => v !== c.value))}
          />
          <label htmlFor={`${id}-${c.value}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function RowButtons({ index, count, what, onMove, onRemove }: { index: number; count: number; what: string; onMove: (from: number, to: number) => void; onRemove: (index: number) => void }) {
  return (
    <div className="row-actions">
      <button type="button" onClick={() => onMove(index, index - 1)} disabled={index === 0}>
        Up<span className="visually-hidden">: {what} {index + 1}</span>
      </button>
      <button type="button" onClick={() => onMove(index, index + 1)} disabled={index === count - 1}>
        Down<span className="visually-hidden">: {what} {index + 1}</span>
      </button>
      <button type="button" onClick={() => onRemove(index)}>
        Remove<span className="visually-hidden">: {what} {index + 1}</span>
      </button>
    </div>
  );
}

function moved<T>(rows: T[], from: number, to: number): T[] {
  if (to < 0 || to >= rows.length) return rows;
  const next = [...rows];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row!);
  return next;
}

function ExchangeEditor({ label, hint, turns, onChange, error }: { label: string; hint?: string | undefined; turns: ExchangeTurn[]; onChange: (v: ExchangeTurn[]) => void; error: string | undefined }) {
  const update = (i: number, patch: Partial<ExchangeTurn>) => onChange(turns.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <fieldset className="rows-editor">
      <legend>{label}</legend>
      {hint && <p className="hint">{hint}</p>}
      {error && <p className="error-text">{error}</p>}
      <ol>
        {turns.map((t, i) => (
          <li key={i} className="row-card">
            <div className="grid">
              <SelectField label={`Turn ${i + 1}: who spoke`} value={t.speaker} options={{ client: 'The client', other: 'The other person' }} onChange={(v) => update(i, { speaker: v })} />
              <TextField label={`Turn ${i + 1}: tone of voice`} value={t.tone} onChange={(e) => update(i, { tone: e.target.value })} />
              <TextField label={`Turn ${i + 1}: face, body, gestures`} value={t.nonverbal} onChange={(e) => update(i, { nonverbal: e.target.value })} />
            </div>
            <TextAreaField label={`Turn ${i + 1}: words, as remembered`} value={t.words} onChange={(e) => update(i, { words: e.target.value })} />
            <RowButtons index={i} count={turns.length} what="turn" onMove={(a, b) => onChange(moved(turns, a, b))} onRemove={(j) => onChange(turns.filter((_, k) => k !== j))} />
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...turns, { speaker: turns.at(-1)?.speaker === 'client' ? 'other' : 'client', words: '', tone: '', nonverbal: '' }])}>
        Add a turn
      </button>
    </fieldset>
  );
}

function OptionsEditor({ label, hint, rows, onChange, error }: { label: string; hint?: string | undefined; rows: OptionRow[]; onChange: (v: OptionRow[]) => void; error: string | undefined }) {
  const update = (i: number, patch: Partial<OptionRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="rows-editor">
      <legend>{label}</legend>
      {hint && <p className="hint">{hint}</p>}
      {error && <p className="error-text">{error}</p>}
      <ol>
        {rows.map((r, i) => (
          <li key={i} className="row-card">
            <div className="grid">
              <TextField label={`Option ${i + 1}`} value={r.option} onChange={(e) => update(i, { option: e.target.value })} />
              <SelectField label={`Option ${i + 1}: rating`} value={r.rating === null ? '' : String(r.rating)} options={RATING_OPTIONS} onChange={(v) => update(i, { rating: v === '' ? null : Number(v) })} />
            </div>
            <div className="grid">
              <TextAreaField label={`Option ${i + 1}: for`} value={r.pros} onChange={(e) => update(i, { pros: e.target.value })} />
              <TextAreaField label={`Option ${i + 1}: against`} value={r.cons} onChange={(e) => update(i, { cons: e.target.value })} />
            </div>
            <RowButtons index={i} count={rows.length} what="option" onMove={(a, b) => onChange(moved(rows, a, b))} onRemove={(j) => onChange(rows.filter((_, k) => k !== j))} />
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...rows, { option: '', pros: '', cons: '', rating: null }])}>
        Add an option
      </button>
    </fieldset>
  );
}

function StepsEditor({ label, hint, rows, onChange, error }: { label: string; hint?: string | undefined; rows: StepRow[]; onChange: (v: StepRow[]) => void; error: string | undefined }) {
  const update = (i: number, patch: Partial<StepRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const id = useId();
  return (
    <fieldset className="rows-editor">
      <legend>{label}</legend>
      {hint && <p className="hint">{hint}</p>}
      {error && <p className="error-text">{error}</p>}
      <ol>
        {rows.map((r, i) => (
          <li key={i} className="row-card">
            <div className="grid">
              <TextField label={`Step ${i + 1}`} value={r.action} onChange={(e) => update(i, { action: e.target.value })} />
              <TextField label={`Step ${i + 1}: by when`} type="date" value={r.due} onChange={(e) => update(i, { due: e.target.value })} />
              <div className="checkbox">
                <input id={`${id}-${i}`} type="checkbox" checked={r.done} onChange={(e) => update(i, { done: e.target.checked })} />
                <label htmlFor={`${id}-${i}`}>Step {i + 1} done</label>
              </div>
            </div>
            <RowButtons index={i} count={rows.length} what="step" onMove={(a, b) => onChange(moved(rows, a, b))} onRemove={(j) => onChange(rows.filter((_, k) => k !== j))} />
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...rows, { action: '', due: '', done: false }])}>
        Add a step
      </button>
    </fieldset>
  );
}

function ReadOnlyField({ field, value, peopleNames }: { field: TemplateField; value: FieldValue | undefined; peopleNames: Record<string, string> }) {
  let shown: ReactNode;
  if (!hasValue(value)) return null;
  switch (field.type) {
    case 'person':
      shown = peopleNames[value as string] ?? 'A person no longer in the inventory';
      break;
    case 'choice': {
      const label = (v: string) => field.choices.find((c) => c.value === v)?.label ?? v;
      shown = Array.isArray(value) ? (value as string[]).map(label).join(', ') : label(value as string);
      break;
    }
    case 'list':
      shown = (
        <ul>
          {(value as string[]).map((v, i) => (
            <li key={i}>{v}</li>
          ))}
        </ul>
      );
      break;
    case 'exchange':
      shown = (
        <ol className="exchange-read">
          {(value as ExchangeTurn[]).map((t, i) => (
            <li key={i}>
              <strong>{t.speaker === 'client' ? 'Client' : 'Other'}:</strong> “{t.words}”{t.tone && ` (tone: ${t.tone})`}
              {t.nonverbal && ` [${t.nonverbal}]`}
            </li>
          ))}
        </ol>
      );
      break;
    case 'options':
      shown = (
        <ul>
          {(value as OptionRow[]).map((o, i) => (
            <li key={i}>
              {o.option}
              {o.rating !== null && ` (${o.rating}/10)`}
              {o.pros && `; for: ${o.pros}`}
              {o.cons && `; against: ${o.cons}`}
            </li>
          ))}
        </ul>
      );
      break;
    case 'steps':
      shown = (
        <ul>
          {(value as StepRow[]).map((s, i) => (
            <li key={i}>
              {s.done ? '✓ ' : ''}
              {s.action}
              {s.due && ` (by ${formatDate(s.due)})`}
            </li>
          ))}
        </ul>
      );
      break;
    default:
      shown = <span className="prewrap">{String(value)}</span>;
  }
  return (
    <div className="read-field">
      <div className="read-label">{field.label}</div>
      <div>{shown}</div>
    </div>
  );
}

export { FieldShell };
