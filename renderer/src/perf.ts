/**
 * Performance marks the benchmark reads through the browser host (`ui.*` figures). They stay in
 * the page's own performance timeline: nothing is sent anywhere and no client data is in them.
 */
export const PERF = {
  unlocked: 'ipt:unlocked',
  clientListData: 'ipt:client-list-data',
  clientListPainted: 'ipt:client-list-painted',
  unlockToList: 'ipt:unlock-to-list',
  searchSubmitted: 'ipt:search-submitted',
  searchResults: 'ipt:search-results',
} as const;

export function mark(name: string): void {
  performance.mark(name);
}

/**
 * Records each measure from its start mark to the first moment after the next paint: a frame callback
 * runs just before the browser paints, and a task queued from it runs just after. A `once` measure clears its start mark, so it is taken a single time.
 */
export function measureAfterPaint(measures: { name: string; from: string; once?: boolean }[]): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      for (const { name, from, once } of measures) {
        if (!performance.getEntriesByName(from, 'mark').length) continue;
        performance.measure(name, from);
        if (once) performance.clearMarks(from);
      }
    };
    channel.port2.postMessage(null);
  });
}
