// "Lịch trực của tôi" (issue 17), in the member area: a member's own shifts
// and sessions; they say they cannot come (the officer sees it) or mark a
// shift served. Scope: only the signed-in member's own duty
// (memberDuty), checked on the server; every change audited with the member as actor.
import { type Context, Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { vietnamDay } from '../roster/dates.ts';
import { dutyEventById, type DutyEvent, markCannotCome, markServed } from '../roster/plan.ts';
import { memberSchedule } from '../roster/schedule.ts';
import { whenOf, whereOf } from '../views/roster.tsx';
import { memberPage, type MemberEnv } from '../assists/member-guard.tsx';
import { CsrfField, csrfToken } from '../auth/csrf.tsx';
import { members } from '../auth/guard.ts';

const t = ui.roster;
const BASE = '/thanh-vien/lich/';

export const memberRoster = new Hono<MemberEnv>().basePath(BASE);
// The members' area's CSRF rule and unreadable-form page cover /thanh-vien/* (functions/routes/member-area.tsx).

/** Scope check: the duty of the path, only if the signed-in member is on it. */
async function memberDuty(c: Context<MemberEnv>): Promise<DutyEvent | null> {
  const id = c.req.param('id');
  if (!id || !/^[1-9]\d{0,11}$/.test(id)) return null;
  const onIt = await c.var.db.prepare('SELECT 1 FROM duty_assignments WHERE event_id = ? AND member_id = ?').bind(Number(id), c.get('member').id).first();
  return onIt ? dutyEventById(c.var.db, Number(id)) : null;
}

memberRoster.get('/', members(), async (c) => {
  const member = c.get('member');
  const csrf = csrfToken(c);
  const rows = await memberSchedule(c.var.db, member.id);
  const today = vietnamDay();
  const notices: Record<string, string> = { 'khong-den': t.cannotComeSaved, 'da-truc': t.servedSaved, 'khong-doi': t.notChanged };
  const notice = notices[c.req.query('ket-qua') ?? ''];
  return memberPage(c, {
    title: t.memberTitle,
    description: t.memberIntro,
    main: (
      <>
        <p>
          <a href="/thanh-vien/">{ui.member.backHome}</a>
        </p>
        <h1>{t.memberTitle}</h1>
        {notice && (
          <p class="notice notice-success" role="status">
            {notice}
          </p>
        )}
        <p>{t.memberIntro}</p>
        {rows.length === 0 ? (
          <p>{t.memberEmpty}</p>
        ) : (
          <ul class="duties">
            {rows.map((r) => (
              <li data-duty={r.id}>
                <strong>
                  {t.kinds[r.kind]}: {whenOf(r)}
                </strong>
                {r.status === 'cancelled' && ` — ${t.cancelledNote}`}
                <br />
                {t.where} {whereOf(r)}
                {r.cannotComeAt !== null && (
                  <>
                    <br />
                    {t.youCannotCome}
                  </>
                )}
                {r.servedAt !== null && (
                  <>
                    <br />
                    {t.servedMine}
                  </>
                )}
                {r.status === 'planned' && r.servedAt === null && r.cannotComeAt === null && r.day >= today && (
                  <form method="post" action={`${BASE}${r.id}/khong-den`}>
                    <CsrfField token={csrf} />
                    <button type="submit" class="button-secondary" aria-label={`${t.cannotComeButton}: ${whenOf(r)}`}>
                      {t.cannotComeButton}
                    </button>
                  </form>
                )}
                {r.status === 'planned' && r.servedAt === null && r.day <= today && (
                  <form method="post" action={`${BASE}${r.id}/da-truc`}>
                    <CsrfField token={csrf} />
                    <button type="submit" aria-label={`${t.servedButton}: ${whenOf(r)}`}>
                      {t.servedButton}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </>
    ).toString(),
  });
});

memberRoster.post('/:id/khong-den', members(), async (c) => {
  const event = await memberDuty(c);
  if (!event) return c.notFound();
  const member = c.get('member');
  const done = await markCannotCome(c.var.db, { id: member.id, code: member.code }, event);
  return c.redirect(`${BASE}?ket-qua=${done ? 'khong-den' : 'khong-doi'}`, 303);
});

memberRoster.post('/:id/da-truc', members(), async (c) => {
  const event = await memberDuty(c);
  if (!event) return c.notFound();
  const member = c.get('member');
  const done = await markServed(c.var.db, { memberCode: member.code }, event, member.id);
  return c.redirect(`${BASE}?ket-qua=${done ? 'da-truc' : 'khong-doi'}`, 303);
});
