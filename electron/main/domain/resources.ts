import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The app's resources folder: resources/ in the source tree, beside out/ in the built app. */
export function resourcesDir(): string {
  if (process.env['IPT_RESOURCES_DIR']) return process.env['IPT_RESOURCES_DIR'];
  const fromSource = import.meta.url.endsWith('.ts');
  return join(import.meta.dirname, fromSource ? '../../../resources' : '../../resources');
}

export interface Licence {
  name: string;
  version: string;
  licence: string;
}

/**
 * Licences of the libraries the app ships, written at build time by the licence plugin
 * (scripts/licences.ts). The file also holds each licence's text; the list gives name and licence.
 */
export function bundledLicences(): Licence[] {
  const file = join(resourcesDir(), 'licences.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as Licence[]).map(({ name, version, licence }) => ({ name, version, licence }));
}
