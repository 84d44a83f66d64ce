// `npm test`: format, lint and dead-code check, type-check, build, then every
// Vitest project (unit, Worker runtime with local D1, checks over dist/).
// Browser tests run separately (`npm run test:browser`) because they need
// Chromium from Debian.
import { run } from './run.ts';

run('npm', ['run', 'lint']);
run('astro', ['check', '--minimumSeverity', 'warning']);
run('npm', ['run', 'build']);
run('vitest', ['run', ...process.argv.slice(2)]);
