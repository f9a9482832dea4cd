import type { z } from 'zod';
import type { ChannelName, ChannelOutput, contract } from '../../../../shared/contract.ts';

/** One channel's handler: the validated input in, the declared output (or its promise) out. */
export type Handler<C extends ChannelName> = (input: z.output<(typeof contract)[C]['input']>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** Every channel of the contract; TypeScript refuses a missing or extra one. */
export type Handlers = { [C in ChannelName]: Handler<C> };

/** The handlers of one or more channel groups, e.g. `HandlerSlice<'people' | 'circle'>`. */
export type HandlerSlice<G extends string> = { [C in ChannelName as C extends `${G}.${string}` ? C : never]: Handler<C> };
