import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/contract.ts';
import { expectedExposedNames, exposedChannelNames } from '../../shared/contract-client.ts';

const PRELOAD = resolve(import.meta.dirname, '../../out/preload/index.cjs');

/** Runs the built preload in a vm with a recording fake `electron`, as a sandboxed preload runs. */
function loadPreload() {
  if (!existsSync(PRELOAD)) throw new Error('out/preload/index.cjs is missing: run `npm run build` first.');
  const exposed = new Map<string, unknown>();
  const invoked: [string, unknown][] = [];
  const required: string[] = [];
  const listeners: [string, (event: unknown, name: string) => void][] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      on: (channel: string, handler: (event: unknown, name: string) => void) => listeners.push([channel, handler]),
      removeListener: () => undefined,
      invoke: async (channel: string, input: unknown) => {
        invoked.push([channel, input]);
        return { ok: true, value: { echoed: channel } };
      },
    },
  };
  const module = { exports: {} };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return fakeElectron;
      throw new Error(`The sandboxed preload required "${name}"`);
    },
    console,
  });
  vm.runInContext(readFileSync(PRELOAD, 'utf8'), context, { filename: PRELOAD });
  return { exposed, invoked, required, listeners };
}

describe('built preload', () => {
  it('passes only known events from main to the page', () => {
    const { exposed, listeners } = loadPreload();
    const api = exposed.get('ipt') as { events: { subscribe: (cb: (e: string) => void) => () => void } };
    const seen: string[] = [];
    api.events.subscribe((e) => seen.push(e));
    expect(listeners.map(([channel]) => channel)).toEqual(['ipt:event']);
    listeners[0]![1]({}, 'menu.lock');
    listeners[0]![1]({}, 'not-an-event');
    expect(seen).toEqual(['menu.lock']);
  });

  it('requires nothing but electron', () => {
    const { required } = loadPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly one object, window.ipt, whose functions are the contract channels', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()]).toEqual(['ipt']);
    expect(exposedChannelNames(exposed.get('ipt') as object)).toEqual(expectedExposedNames());
    expect(expectedExposedNames()).toEqual([...CHANNEL_NAMES, 'events.subscribe'].sort());
  });

  it('forwards each call to its prefixed IPC channel and returns the reply', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('ipt') as { clients: { list: (input: unknown) => Promise<unknown> } };
    const reply = await api.clients.list({ status: 'all' });
    expect(invoked).toEqual([[`${IPC_PREFIX}clients.list`, { status: 'all' }]]);
    expect(reply).toEqual({ ok: true, value: { echoed: `${IPC_PREFIX}clients.list` } });
  });
});
