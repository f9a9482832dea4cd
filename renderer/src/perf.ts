/**
 * Performance marks the benchmark reads through the browser host (`ui.*` figures). They stay in
 * the page's own performance timeline: nothing is sent anywhere and no client data is in them.
 * The names are in shared/ so the benchmark (Node) can read them without compiling this file.
 */
export { PERF } from '../../shared/perf-marks.ts';

/**
 * Records each measure from its start mark to the first moment after the next paint: a frame
 * callback runs just before the browser paints, and a task queued from it runs just after. A start
 * mark is used once and cleared, so marks do not pile up over a day's work and a measure is never
 * taken from a stale mark.
 */
export function measureAfterPaint(measures: { name: string; from: string }[]): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      for (const { name, from } of measures) {
        if (!performance.getEntriesByName(from, 'mark').length) continue;
        performance.measure(name, from);
        performance.clearMarks(from);
      }
    };
    channel.port2.postMessage(null);
  });
}
