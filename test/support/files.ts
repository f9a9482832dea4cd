import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SHA-256 of every file below a folder, by relative path: to prove nothing changed on disk.
 * `skip` names top-level entries left out (the support log records refused calls by design).
 */
export function snapshotFolder(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub))) {
      if (!sub && skip.includes(name)) continue;
      const rel = sub ? join(sub, name) : name;
      const full = join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk('');
  return out;
}
