/**
 * Names of the performance marks and measures the renderer sets (renderer/src/perf.ts) and the
 * benchmark reads through the browser host (bench/ui.ts). They stay in the page's own performance
 * timeline: nothing is sent anywhere and no client data is in them.
 */
export const PERF = {
  unlocked: 'ipt:unlocked',
  clientListData: 'ipt:client-list-data',
  clientListPainted: 'ipt:client-list-painted',
  unlockToList: 'ipt:unlock-to-list',
  searchSubmitted: 'ipt:search-submitted',
  searchResults: 'ipt:search-results',
} as const;
