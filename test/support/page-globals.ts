/**
 * The page as the callbacks given to Playwright's `page.evaluate` see it. Those callbacks run in
 * the browser, but tests and benches compile under tsconfig.node.json (Node types, no DOM
 * library), so they reach the page through `globalThis as unknown as PageGlobals`, typed here only
 * as far as they use it. Import it with `import type`: a callback cannot use imported values.
 */
import type { IptApi } from '../../shared/contract-client.ts';

export interface PageGlobals {
  /** Exposed by the preload (app) or the host bridge (browser host). */
  readonly ipt: IptApi;
}

/** An element handed to `locator.evaluate`, as far as the tests use it. */
export interface PageElement {
  scrollIntoView(options: { block: 'start' | 'center' | 'end' | 'nearest' }): void;
}
