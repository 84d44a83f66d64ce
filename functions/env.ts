/** Bindings of the Worker, as declared in wrangler.toml. */
export interface Env {
  ASSETS: Fetcher;
  DB: D1Database;
}

export type AppEnv = { Bindings: Env };
