// `npm run db:reset`: deletes the local D1 state (only D1: .wrangler/state/v3/d1)
// and rebuilds it: migrations, official units, demo directory.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPersistTo } from './lib/d1.ts';
import { run } from './run.ts';

const d1State = join(defaultPersistTo, 'v3', 'd1');
await rm(d1State, { recursive: true, force: true });
console.log(`✔ Deleted ${d1State}`);
run('npm', ['run', 'db:migrate']);
run('npm', ['run', 'db:seed']);
