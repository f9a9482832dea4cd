/**
 * What a user installs, less Electron itself: the built app (out/) and the production packages the
 * installer for this machine ships, as electron-builder.yml selects them (scripts/packaged-files.ts:
 * one prebuilt SQLCipher addon, without its C sources). Run alone: `node bench/app-size.ts` (after
 * `npm run build`).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentTarget, packagedFiles } from '../scripts/packaged-files.ts';

const MB = 1024 * 1024;

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

export interface AppSize {
  outMb: number;
  productionDependenciesMb: number;
  packagedMb: number;
}

export async function appSize(root = resolve(import.meta.dirname, '..')): Promise<AppSize> {
  const files = await packagedFiles(currentTarget(), root);
  const depBytes = files.filter((file) => file.path.startsWith('node_modules/')).reduce((sum, file) => sum + file.size, 0);
  const packagedBytes = files.reduce((sum, file) => sum + file.size, 0);
  return { outMb: folderBytes(join(root, 'out')) / MB, productionDependenciesMb: depBytes / MB, packagedMb: packagedBytes / MB };
}

if (import.meta.main) {
  const size = await appSize();
  console.log(`app.out_mb ${size.outMb.toFixed(2)} MB\napp.production_dependencies_mb ${size.productionDependenciesMb.toFixed(2)} MB\napp.packaged_mb ${size.packagedMb.toFixed(2)} MB`);
}
