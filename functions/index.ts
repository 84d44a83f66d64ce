import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { apiError, notFoundPage } from './errors.ts';
import { directoryApi } from './routes/api-directory.ts';
import { directoryPages } from './routes/directory.ts';
import { guidePages } from './routes/guide-pages.ts';
import { health } from './routes/health.ts';
import { memberToolkit } from './routes/member-toolkit.tsx';

const app = new Hono<AppEnv>();

app.route('/api/health', health);
app.route('/', directoryApi);
app.route('/', directoryPages);
app.route('/cong-cu/', memberToolkit);

app.route('/huong-dan', guidePages);

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
