import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUPPORT_LOG_KEEP, SupportLog } from '../../electron/main/app/support-log.ts';
import { tempDir } from '../support/temp.ts';

const dir = tempDir('ipt-supportlog-');
afterAll(() => dir.remove());

describe('support log', () => {
  it('rotates into capped, owner-only files and keeps the newest lines, oldest first', () => {
    const log = new SupportLog(dir.path, 1000);
    for (let i = 0; i < 200; i++) log.call('clients.get', i, null);
    const names = readdirSync(join(dir.path, 'logs')).sort();
    expect(names).toEqual(['support.1.log', 'support.2.log', 'support.3.log', 'support.log']);
    expect(SUPPORT_LOG_KEEP).toBe(3);
    for (const name of names) {
      const stat = statSync(join(dir.path, 'logs', name));
      expect(stat.size, name).toBeLessThanOrEqual(1000);
      expect((stat.mode & 0o777).toString(8), name).toBe('600');
    }
    expect((statSync(join(dir.path, 'logs')).mode & 0o777).toString(8)).toBe('700');
    const times = log
      .text()
      .trimEnd()
      .split('\n')
      .map((line) => Number(/ (\d+)ms ok$/.exec(line)![1]));
    // The newest line is last, the lines run in order, and the oldest were dropped.
    expect(times.at(-1)).toBe(199);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThan(0);
    expect(readFileSync(join(dir.path, 'logs', 'support.log'), 'utf8')).toContain(' call clients.get 199ms ok\n');
  });

  it('writes no text it was not built for: unknown channels, odd codes and kinds are replaced', () => {
    mkdirSync(join(dir.path, 'b'));
    const log = new SupportLog(join(dir.path, 'b'));
    log.call('clients.Ada Lovelace', 3, 'UNKNOWN_CHANNEL');
    log.call('clients.get', 2, 'not a code /home/ada', 'Error: /home/ada/vault');
    log.event('start', '1.0.0 /home/ada', 'anything');
    const text = log.text();
    expect(text).toContain(' call unknown-channel 3ms UNKNOWN_CHANNEL\n');
    expect(text).toContain(' call clients.get 2ms ERROR kind=other\n');
    expect(text).toMatch(/ start platform=\w+\n/);
    expect(text).not.toMatch(/Ada|home/);
  });

  it('does not make a data folder that is gone (a removed test folder, an uninstalled app)', () => {
    const log = new SupportLog(join(dir.path, 'gone'));
    log.event('lock');
    expect(existsSync(join(dir.path, 'gone'))).toBe(false);
  });
});
