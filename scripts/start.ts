// `npm start`: build the site, migrate and seed the local D1, serve everything
// at http://127.0.0.1:8787 (PORT overrides): the citizens' Worker with, behind
// its OG_IMAGES binding, the preview image Worker (wrangler.og.toml), in one process.
import { run } from './run.ts';

const port = process.env.PORT ?? '8787';
// The origin links are built with (canonical, share links, QR codes): where this server answers.
const origin = process.env.SITE_URL ?? `http://127.0.0.1:${port}`;

if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build'], { SITE_URL: origin });
run('npm', ['run', 'db:migrate']);
run('npm', ['run', 'db:seed']);
// INSPECTOR_PORT: several local servers side by side each need their own.
const inspector = process.env.INSPECTOR_PORT ? ['--inspector-port', process.env.INSPECTOR_PORT] : [];
run('wrangler', [
  'dev',
  '-c',
  'wrangler.toml',
  '-c',
  'wrangler.og.toml',
  '--port',
  port,
  '--ip',
  '127.0.0.1',
  '--var',
  `SITE_URL:${origin}`,
  ...inspector,
  '--show-interactive-dev-session=false',
]);
