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
import * as z from './classic.ts';

export * from './classic.ts';
export { z, z as default };
