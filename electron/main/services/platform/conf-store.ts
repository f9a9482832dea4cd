import Conf from 'conf';
import { z } from 'zod';
import { settingsSchema } from '../../../../shared/schemas/settings.ts';
import type { PreferencesStore } from '../settings.ts';

/** The settings file for the browser host and tests: `conf` with the settings JSON Schema. */
export function createConfStore(dir: string): PreferencesStore {
  const jsonSchema = z.toJSONSchema(settingsSchema, { io: 'input' }) as { properties: Record<string, object> };
  return new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'settings',
    projectName: 'ipt-workstation',
    schema: jsonSchema.properties as never,
    clearInvalidConfig: true,
  });
}
