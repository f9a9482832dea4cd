/**
 * `npm run host`: starts the browser host. Prints a loud notice on stderr and, on stdout, one
 * machine-readable line `IPT_HOST_READY {"url":…,"token":…}` for test harnesses.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHost } from './server.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve('.host-data') },
    port: { type: 'string', default: '0' },
    'out-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out') },
    'output-dir': { type: 'string', default: resolve('.host-exports') },
  },
});

const dataDir = resolve(values['data-dir']);
const outputDir = resolve(values['output-dir']);
// IPT_HOST_BUILD_DATE (YYYY-MM-DD): an old build date, so tests can see the update notice.
const buildDate = /^\d{4}-\d{2}-\d{2}$/.test(process.env['IPT_HOST_BUILD_DATE'] ?? '') ? process.env['IPT_HOST_BUILD_DATE'] : undefined;
const host = await startHost({ dataDir, outDir: values['out-dir'], outputDir, port: Number(values.port), buildDate });
const openUrl = `${host.url}#token=${host.token}`;

process.stderr.write(
  [
    '',
    '  ************************************************************************',
    '  *  IPT Workstation BROWSER HOST: for development and testing only.     *',
    '  *  It is not the installed app. It listens on 127.0.0.1 only and       *',
    '  *  needs the token below on every call. Do not use it for real records.*',
    '  ************************************************************************',
    `  Data folder: ${dataDir}`,
    `  Exports are written to: ${outputDir}`,
    `  Open: ${openUrl}`,
    '',
  ].join('\n'),
);
process.stdout.write(`IPT_HOST_READY ${JSON.stringify({ url: host.url, token: host.token })}\n`);

const shutdown = () => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
