// `z.core` of functions/zod-without-locales.ts: zod's core, minus its locale
// packs (the same reason as there).
export * from 'zod/v4/core';
/** Deliberately empty: the deployed Worker carries no locale packs. */
export const locales = {};
