import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channelChanges, contract, groupOf } from '../../shared/contract.ts';

describe('contract: the groups a channel changes (read by the renderer query cache)', () => {
  const groups = new Set(CHANNEL_NAMES.map(groupOf));

  it('names only groups that exist', () => {
    for (const name of CHANNEL_NAMES) {
      for (const group of channelChanges(name)) expect(groups.has(group), `${name} changes ${group}`).toBe(true);
    }
  });

  it('defaults to the channel’s own group and includes it when declared (or declares none)', () => {
    let undeclared = 0;
    for (const name of CHANNEL_NAMES) {
      const declared = (contract[name] as { changes?: readonly string[] }).changes;
      // An empty list declares a call that writes nothing (a check); any other list includes its own group.
      if (declared) {
        if (declared.length > 0) expect(declared, name).toContain(groupOf(name));
      }
      else {
        undeclared++;
        expect(channelChanges(name), name).toEqual([groupOf(name)]);
      }
    }
    expect(undeclared).toBeGreaterThan(0);
  });
});
