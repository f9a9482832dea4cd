/**
 * The query layer: every read from main goes through TanStack Query, keyed by the contract.
 *
 *   const course = useChannel('courses.get', { id });           // course.data, course.error, course.isPending
 *   const save = useChannelMutation('courses.update');          // save.mutateAsync(input) or save.mutate(input)
 *   if (course.error) return <Alert>{errorText(course.error)}</Alert>;
 *
 * - The query key is `[channel, input]`, so two inputs are two cache entries: a late reply for an
 *   old input (a filter typed over) lands in its own entry and never replaces what the screen shows.
 * - The query function calls `window.ipt` through the contract client and throws `IptError`
 *   carrying the typed payload (`error.payload.code`, `.message`, `.fields`). Errors are final:
 *   no retries.
 * - A mutation that succeeds invalidates every cached read whose channel's group is listed in the
 *   channel's `changes` in `shared/contract.ts` (default: its own group). Declare `changes` there
 *   when a write shows up elsewhere (a course update changes `clients.overview`): the contract stays
 *   the one declaration.
 * - Local IPC is cheap and only this window writes, so data stays fresh for a while (no refetch on
 *   focus); invalidation, not polling, keeps screens current.
 * - `clearQueryCache()` runs on every lock: no client data stays in memory while locked.
 */
import {
  QueryClient,
  useMutation,
  useQuery,
  type QueryKey,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { channelChanges, contract, groupOf, isChannelName, type ChannelGroup, type ChannelInput, type ChannelName, type ChannelOutput } from '../../shared/contract.ts';
import type { Result } from '../../shared/errors.ts';
import { ipt, IptError } from './ipt.ts';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: IptError;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 30_000, gcTime: 5 * 60_000 },
    mutations: { retry: false },
  },
});

export type ChannelKey<C extends ChannelName> = readonly [C, ChannelInput<C>];

export function channelKey<C extends ChannelName>(channel: C, input: ChannelInput<C>): ChannelKey<C> {
  return [channel, input] as const;
}

/** Calls one channel; resolves with its value or throws `IptError` with the payload from main. */
export async function callChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const [group, method] = channel.split('.') as [string, string];
  const api = ipt as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<ChannelOutput<C>>>>>;
  const result = await api[group]![method]!(input);
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}

type ChannelQueryOptions<C extends ChannelName> = Omit<UseQueryOptions<ChannelOutput<C>, IptError, ChannelOutput<C>, ChannelKey<C>>, 'queryKey' | 'queryFn'>;

/** A cached read of one channel. Pass `{ enabled: false }` to wait for an input. */
export function useChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>, options?: ChannelQueryOptions<C>): UseQueryResult<ChannelOutput<C>, IptError> {
  return useQuery({ ...options, queryKey: channelKey(channel, input), queryFn: () => callChannel(channel, input) });
}

/** Marks stale (and refetches if shown) every cached read of a channel in one of `groups`. */
export async function invalidateGroups(groups: readonly ChannelGroup[]): Promise<void> {
  await queryClient.invalidateQueries({
    predicate: (query) => {
      const channel = (query.queryKey as QueryKey)[0];
      return isChannelName(channel) && groups.includes(groupOf(channel));
    },
  });
}

/** A write outside any component (a kept draft saved at lock): the call, then the invalidation. */
export async function mutateChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const value = await callChannel(channel, input);
  await invalidateGroups(channelChanges(channel));
  return value;
}

type ChannelMutationOptions<C extends ChannelName> = Omit<UseMutationOptions<ChannelOutput<C>, IptError, ChannelInput<C>>, 'mutationFn'>;

/**
 * A write through one channel. On success it invalidates the groups the contract says the channel
 * changes, then runs `options.onSuccess`. Errors are `IptError`; for forms use `submit` (form.ts).
 */
export function useChannelMutation<C extends ChannelName>(channel: C, options?: ChannelMutationOptions<C>): UseMutationResult<ChannelOutput<C>, IptError, ChannelInput<C>> {
  return useMutation({
    ...options,
    mutationFn: (input: ChannelInput<C>) => callChannel(channel, input),
    onSuccess: async (...args) => {
      await invalidateGroups(channelChanges(channel));
      await options?.onSuccess?.(...args);
    },
  });
}

/**
 * On lock: forgets every cached reply of an `unlocked` channel and every mutation (their inputs
 * hold typed text), so no client data stays in memory. Device-level reads (settings, app info,
 * vault status) stay, so the screens that watch them keep working.
 */
export function clearQueryCache(): void {
  const vaultData = (query: { queryKey: QueryKey }) => {
    const channel = query.queryKey[0];
    return !isChannelName(channel) || contract[channel].access === 'unlocked';
  };
  void queryClient.cancelQueries({ predicate: vaultData });
  queryClient.removeQueries({ predicate: vaultData });
  queryClient.getMutationCache().clear();
}

/** The device settings: one shared query for every screen (settings.update invalidates it). */
export function useSettings(): UseQueryResult<ChannelOutput<'settings.get'>, IptError> {
  return useChannel('settings.get', {}, { staleTime: Infinity });
}

/** Version, shell and licences: one shared query; they do not change while the app runs. */
export function useAppInfo(): UseQueryResult<ChannelOutput<'app.info'>, IptError> {
  return useChannel('app.info', {}, { staleTime: Infinity });
}
