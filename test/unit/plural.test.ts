import { describe, expect, it } from 'vitest';
import { plural } from '../../renderer/src/format.ts';

describe('plural', () => {
  it('chooses the form by the plural rules and formats the count', () => {
    const client = { one: 'client', other: 'clients' };
    expect(plural(1, client)).toBe('1 client');
    expect(plural(0, client)).toBe('0 clients');
    expect(plural(2, client)).toBe('2 clients');
    expect(plural(2001, client)).toBe(`${new Intl.NumberFormat().format(2001)} clients`);
  });
});
