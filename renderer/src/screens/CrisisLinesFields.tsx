import { useFieldArray, type Control } from 'react-hook-form';
import type { z } from 'zod';
import type { practiceProfileSchema } from '../../../shared/schemas/note.ts';
import { TextField } from '../components/Field.tsx';
import type { ContractForm } from '../form.ts';

/**
 * The practice's crisis lines, part of the practice profile: offered to every new safety plan.
 * None are built in, since numbers differ by country and change; the user enters the ones they checked.
 */
export function CrisisLinesFields({ f }: { f: ContractForm<typeof practiceProfileSchema> }) {
  const rows = useFieldArray({ control: f.form.control as Control<z.input<typeof practiceProfileSchema>>, name: 'crisisLines' });
  return (
    <fieldset>
      <legend>Crisis lines for safety plans</legend>
      <p className="hint">Local crisis lines and out-of-hours numbers you have checked. Each new safety plan starts with them.</p>
      {rows.fields.map((field, i) => (
        <div className="grid plan-row" key={field.id}>
          <TextField label={`Crisis line ${i + 1}`} {...f.register(`crisisLines.${i}.name`)} error={f.errorAt(`crisisLines.${i}.name`)} />
          <TextField label={`Crisis line ${i + 1}: phone`} type="tel" {...f.register(`crisisLines.${i}.phone`)} error={f.errorAt(`crisisLines.${i}.phone`)} />
          <button type="button" onClick={() => rows.remove(i)}>
            Remove crisis line {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => rows.append({ name: '', phone: '' })}>
        Add a crisis line
      </button>
    </fieldset>
  );
}
