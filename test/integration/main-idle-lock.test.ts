import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, MAIN_IDLE_GRACE_S } from '../../electron/main/app/app.ts';
import { createConfStore } from '../../electron/host/conf-store.ts';
import { tempDir } from '../support/temp.ts';
import { TEST_PASSPHRASE, testKdfPolicy } from '../support/vault-fixture.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('idle lock in main (the backstop when the page cannot lock itself)', () => {
  it('locks once the system has been idle past the auto-lock time plus the page’s grace, reading the shell’s idle clock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dir = tempDir();
    let idleSeconds = 0;
    const app = createApp({
      dataDir: dir.path,
      kdfPolicy: testKdfPolicy(),
      preferences: createConfStore(dir.path),
      platform: { shell: 'electron', version: '0.0.0-test', closeReady: () => undefined, systemIdleSeconds: () => idleSeconds },
    });
    const begun = await app.call('vault.beginCreate', {});
    if (!begun.ok) throw new Error(begun.error.code);
    expect((await app.call('vault.create', { passphrase: TEST_PASSPHRASE, recoveryKeyTypedBack: begun.value.recoveryKey })).ok).toBe(true);
    app.settings.update({ autoLockMinutes: 5 });
    const states: string[] = [];
    app.onStateChanged((s) => states.push(s.vault));

    idleSeconds = 5 * 60 + MAIN_IDLE_GRACE_S - 1;
    vi.advanceTimersByTime(60_000);
    expect(app.vault.isUnlocked()).toBe(true);

    idleSeconds = 5 * 60 + MAIN_IDLE_GRACE_S;
    vi.advanceTimersByTime(60_000);
    expect(app.vault.isUnlocked()).toBe(false);
    expect(states).toEqual(['locked']);

    // Auto-lock switched off: main never locks for idleness.
    expect((await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    app.settings.update({ autoLockMinutes: 0 });
    idleSeconds = 24 * 3600;
    vi.advanceTimersByTime(60_000);
    expect(app.vault.isUnlocked()).toBe(true);
    app.close();
    dir.remove();
  });
});
