/**
 * Locates a worker entry next to the calling module. From source (tests, the browser host) that is
 * the `.ts` file, run by Node's type stripping; in the built app it is the bundled `.js` entry.
 */
export function workerUrl(callerUrl: string, name: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, callerUrl);
}
