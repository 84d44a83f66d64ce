// zod's classic API (the `z` namespace) minus its locale packs: see index.ts.
// `export *` keeps this in step with zod's own API; a local export shadows a
// star export of the same name, which is how `locales` and `core` are
// replaced, and how zod's own `z` (its namespace, every locale included) is
// kept out: index.ts exports this module as `z`. 'zod/v4' is the same files as
// 'zod', and the alias leaves it alone: wrangler aliases exact import paths only.
import * as core from './core.ts';

export * from 'zod/v4';
/** Deliberately empty: the deployed Worker carries no locale packs. */
export const locales = {};
/** Not zod's namespace (index.ts exports this module as `z`); zod's own `z` has no `z` either. */
export const z = undefined;
export { core };
