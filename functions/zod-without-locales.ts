// What `import … from 'zod'` resolves to in the deployed Worker (wrangler.toml
// [alias]): all of zod's classic API, minus its ~40 locale packs.
//
// Why: @hono/zod-openapi imports zod's `z` namespace and hands it to
// extendZodWithOpenApi(z), so the bundler must keep every member of that
// namespace, and `z.locales` (and `z.core.locales`) are ~260 KB raw / ~60 KB
// gzip of error texts in languages nobody reads here (issue 20: every citizen's
// request loads the whole Worker). Our error messages to people and API clients
// come from our own code (functions/errors.ts, site/i18n/ui.ts); zod's default
// English texts stay, registered by zod itself on the first schema it builds.
//
// `export *` keeps this in step with zod's own API; a local export shadows a
// star export of the same name, which is how `locales`, `core` and `z` are
// replaced. 'zod/v4' and 'zod/v4/core' are the same files as 'zod', and the
// alias leaves them alone: wrangler aliases exact import paths only.
import * as core from './zod-core-without-locales.ts';
import * as z from './zod-without-locales.ts';

export * from 'zod/v4';
/** Deliberately empty: the deployed Worker carries no locale packs (see above). */
export const locales = {};
export { core, z, z as default };
