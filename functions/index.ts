import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { apiError, notFoundPage } from './errors.ts';
import { directoryApi } from './routes/api-directory.ts';
import { directoryPages } from './routes/directory.ts';
import { health } from './routes/health.ts';

const app = new Hono<AppEnv>();

app.route('/api/health', health);
app.route('/', directoryApi);
app.route('/', directoryPages);

// Paths the Worker runs first for (wrangler.toml run_worker_first) but that are
// plain static pages: hand them to the asset layer.
app.get('/huong-dan/*', (c) => c.env.ASSETS.fetch(c.req.raw));

app.notFound((c) =>
  c.req.path.startsWith('/api/') ? apiError(c, 404, 'not_found', 'Không tìm thấy địa chỉ API này.') : notFoundPage(c),
);

app.onError((err, c) => {
  console.error(err);
  return c.req.path.startsWith('/api/')
    ? apiError(c, 500, 'internal', 'Máy chủ gặp lỗi. Vui lòng thử lại sau.')
    : c.text('Máy chủ gặp lỗi. Vui lòng thử lại sau.', 500);
});

export default app;
