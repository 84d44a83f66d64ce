// `npm start`: build the site, migrate and seed the local D1, serve everything
// from the one Worker at http://localhost:8787 (PORT overrides).
import { run } from './run.ts';

const port = process.env.PORT ?? '8787';

if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build']);
run('npm', ['run', 'db:migrate']);
run('npm', ['run', 'db:seed']);
run('wrangler', ['dev', '--port', port, '--ip', '127.0.0.1', '--show-interactive-dev-session=false']);
