// electron-builder afterPack hook: sets the Electron fuses on the packaged executable.
import { join } from 'node:path';
import { flipFuses } from '@electron/fuses';
import { wantedFuses } from './fuse-config.mjs';

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const name = context.packager.appInfo.productFilename;
  const executable =
    platform === 'darwin'
      ? join(context.appOutDir, `${name}.app`)
      : platform === 'win32'
        ? join(context.appOutDir, `${name}.exe`)
        : join(context.appOutDir, context.packager.executableName);
  await flipFuses(executable, { ...wantedFuses(), resetAdHocDarwinSignature: platform === 'darwin' && context.arch === 3 });
}
