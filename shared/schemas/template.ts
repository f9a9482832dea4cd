import { z } from 'zod';
import { FIELD_TYPES } from '../ipt/templates/types.ts';
import { PROBLEM_AREAS } from '../ipt/vocabulary.ts';

/** The shape of a template as it crosses IPC (built-in or custom). */
export const templateSchema = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  suits: z.array(z.enum(PROBLEM_AREAS)),
  sections: z.array(
    z.strictObject({
      title: z.string(),
      fields: z.array(
        z.strictObject({
          key: z.string(),
          label: z.string(),
          help: z.string().optional(),
          type: z.enum(FIELD_TYPES),
          choices: z.array(z.strictObject({ value: z.string(), label: z.string() })).optional(),
          multiple: z.boolean().optional(),
        }),
      ),
    }),
  ),
});
