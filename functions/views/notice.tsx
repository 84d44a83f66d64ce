import type { Child, FC } from 'hono/jsx';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

/**
 * Errors and warnings interrupt a screen reader (role="alert": something went
 * wrong, or something is about to be removed); a success is announced politely
 * (role="status": the change you made happened); plain information has no role.
 */
const roles: Record<NoticeTone, 'alert' | 'status' | undefined> = { info: undefined, success: 'status', warning: 'alert', error: 'alert' };

/**
 * Every notice on a Worker page (admin and member areas): one box in the
 * site's callout colours (.notice in global.css) with the role its tone needs.
 */
export const Notice: FC<{ tone?: NoticeTone; children?: Child; id?: string }> = ({ tone = 'info', children, id }) => (
  <div class={tone === 'info' ? 'notice' : `notice notice-${tone}`} role={roles[tone]} id={id}>
    {children}
  </div>
);
