/**
 * The one contract client: turns a transport (Electron IPC in the preload, HTTP in the browser
 * host bridge) into the typed `window.ipt` object. Both paths run this same code.
 */
import { CHANNEL_NAMES, isAppEvent, type AppEventName, type ChannelInput, type ChannelName, type ChannelOutput } from './contract.ts';
import type { Result } from './errors.ts';

export type Transport = (channel: ChannelName, input: unknown) => Promise<unknown>;

/** Registers a listener for events from main; returns a function that removes it. */
export type Subscribe = (listener: (event: AppEventName) => void) => () => void;

type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never;

/** The channel names of one group, e.g. 'clients.list' | 'clients.get' for 'clients'. */
type ChannelsOf<G extends string> = Extract<ChannelName, `${G}.${string}`>;
type MethodName<C extends string> = C extends `${string}.${infer M}` ? M : never;

export type ChannelFunction<C extends ChannelName> = (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

export type IptApi = {
  [G in GroupOf<ChannelName>]: {
    [C in ChannelsOf<G> as MethodName<C>]: ChannelFunction<C>;
  };
} & { events: { subscribe: Subscribe } };

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

const noEvents: Subscribe = () => () => undefined;

export function createContractClient(transport: Transport, subscribe: Subscribe = noEvents): IptApi {
  const api: Record<string, Record<string, (input: unknown) => unknown>> = {};
  for (const name of CHANNEL_NAMES) {
    const [group, method] = name.split('.') as [string, string];
    api[group] ??= {};
    api[group][method] = async (input: unknown) => {
      try {
        const reply = await transport(name, input ?? {});
        if (isResult(reply)) return reply;
        return { ok: false, error: { code: 'INTERNAL', message: 'The app sent a reply it could not read.' } };
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'The app could not be reached. Please try again.' } };
      }
    };
  }
  api['events'] = {
    subscribe: (listener: unknown) => {
      if (typeof listener !== 'function') return () => undefined;
      return subscribe((event) => {
        if (isAppEvent(event)) (listener as (e: AppEventName) => void)(event);
      });
    },
  };
  return api as unknown as IptApi;
}

/** Every function name the exposed object must have: the contract's channels and events.subscribe. */
export function expectedExposedNames(): string[] {
  return [...CHANNEL_NAMES, 'events.subscribe'].sort();
}

/** Dot-joined names of every function on an exposed api object (used to check the preload). */
export function exposedChannelNames(api: object): string[] {
  const names: string[] = [];
  for (const [group, methods] of Object.entries(api)) {
    for (const [method, fn] of Object.entries(methods as object)) {
      if (typeof fn === 'function') names.push(`${group}.${method}`);
    }
  }
  return names.sort();
}
