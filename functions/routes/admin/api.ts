import { Hono } from 'hono';
import { requireCsrf } from '../../auth/csrf.tsx';
import { noStore, type AdminEnv } from '../../auth/middleware.ts';
import { officials } from '../../auth/guard.ts';

/**
 * JSON admin API under /api/admin/ (basePath; mounted at '/' like every router): the same session cookie, CSRF (header
 * x-csrf-token) and scope rules as /quan-tri/; without a session every route
 * answers 401 JSON. Other areas mount their JSON routes on it.
 */
export const adminApi = new Hono<AdminEnv>().basePath('/api/admin/');
adminApi.use('*', noStore, requireCsrf);

/** The signed-in official (for scripts and future clients). */
adminApi.get('/toi', officials(), (c) => {
  const { id, username, displayName, role, provinceCode, communeCode, twoFactorEnabled } = c.get('official');
  return c.json({ official: { id, username, displayName, role, provinceCode, communeCode, twoFactorEnabled } });
});
