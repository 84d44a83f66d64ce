import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../../functions/env.ts';

// `env` from cloudflare:test is typed by Cloudflare.Env: the Worker's bindings
// plus what vitest.config.ts injects for tests.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
