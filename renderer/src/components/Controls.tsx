import { useId } from 'react';
import { FieldShell } from './Field.tsx';

export function SelectField<V extends string>({ label, value, options, onChange, error, hint }: { label: string; value: V; options: readonly V[] | Record<V, string>; onChange: (value: V) => void; error?: string | undefined; hint?: string }) {
  const entries: [V, string][] = Array.isArray(options) ? (options as V[]).map((o) => [o, o]) : (Object.entries(options) as [V, string][]);
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {entries.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function NumberField({ label, value, onChange, min, max, error, hint }: { label: string; value: number | null; onChange: (value: number | null) => void; min?: number; max?: number; error?: string | undefined; hint?: string }) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          min={min}
          max={max}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      )}
    </FieldShell>
  );
}

/** A list of short items, one per line. */
export function LinesField({ label, value, onChange, error, hint }: { label: string; value: string[]; onChange: (value: string[]) => void; error?: string | undefined; hint?: string }) {
  return (
    <FieldShell label={label} error={error} hint={hint ?? 'One per line.'}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          rows={Math.max(2, value.length + 1)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value.join('\n')}
          onChange={(e) => onChange(e.target.value.split('\n').map((line) => line.replace(/^\s+/, '')))}
          onBlur={(e) => onChange(e.target.value.split('\n').map((l) => l.trim()).filter(Boolean))}
        />
      )}
    </FieldShell>
  );
}
