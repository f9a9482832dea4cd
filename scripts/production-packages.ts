import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The packages npm installs for production (`npm ci --omit=dev`), from package-lock.json, as
 * `node_modules/...` paths. Read from the lock file rather than `npm ls`: in a worktree whose
 * node_modules is shared, `npm ls --omit=dev` lists every extraneous package too.
 */
export function productionPackages(root: string): { name: string; dir: string; path: string }[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, meta]) => path !== '' && !meta.dev && !meta.devOptional)
    .map(([path]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), dir: join(root, path), path }));
}
