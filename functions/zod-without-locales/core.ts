// `z.core` of ./classic.ts: zod's core, minus its locale packs (see index.ts).
export * from 'zod/v4/core';
/** Deliberately empty: the deployed Worker carries no locale packs. */
export const locales = {};
