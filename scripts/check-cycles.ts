/**
 * Part of `npm run lint`: no import cycles in electron/, renderer/ or shared/, type-only imports
 * included (`import type` and `import { type X }` count: a type cycle still ties two modules
 * together). eslint-plugin-import-x's no-cycle always skips type imports, so this uses dpdm with
 * `transform: false`, which reads the TypeScript source as written. Dynamic `import()` counts too.
 *
 * Break a cycle by moving what the lower module needs into it (or into a small module both
 * import), or by declaring a narrow interface in the lower module that the higher one satisfies
 * (as data/sessions.ts does with `CourseFacts`).
 */
import { parseCircular, parseDependencyTree } from 'dpdm';

export const SOURCE_GLOBS = ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'];

/** Every import cycle among the files matched by `globs` (relative to `cwd`), as lists of paths. */
export async function findCycles(globs: readonly string[], cwd = process.cwd()): Promise<string[][]> {
  // transform: false keeps type-only imports; paths come back relative to `context`.
  const tree = await parseDependencyTree([...globs], { cwd, context: cwd, transform: false, skipDynamicImports: false });
  return parseCircular(tree);
}

if (import.meta.main) {
  const cycles = await findCycles(SOURCE_GLOBS);
  if (cycles.length > 0) {
    console.error(`Import cycles (type-only imports count; see scripts/check-cycles.ts):`);
    for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' -> ')}`);
    process.exit(1);
  }
  console.log('No import cycles in electron/, renderer/, shared/.');
}
