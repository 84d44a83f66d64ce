// "Lịch trực và buổi hỗ trợ" for officials (issue 17), mounted at
// /quan-tri/lich/: commune officers (and province and national admins for
// their communes) plan duty shifts at the commune service centre and help
// sessions in villages, move or cancel single ones, mark duty served, and
// read the per-commune report. Shifts belong to a commune: each route's guard
// (functions/auth/guard.ts) checks the commune of ?xa= (fromQuery) or the
// shift of the path (dutyEventFromPath) before the handler runs; every change
// is audited in the same batch as the change (functions/roster/plan.ts).
import { type Context, Hono } from 'hono';
import { ui } from '../../../site/i18n/ui.ts';
import { formatDate } from '../../../site/utils/format.ts';
import { villagesOfCommune } from '../../assists/entries.ts';
import { tasks } from '../../assists/tasks.ts';
import { randomToken } from '../../auth/crypto.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { dutyEventFromPath, fromQuery, officials } from '../../auth/guard.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { adminPage, AdminHomeLink, forbiddenPage } from '../../auth/pages.tsx';
import { communePlace } from '../../auth/scope.ts';
import { addDays, daysBetween, isDay, MAX_RANGE_DAYS, MAX_RULE_WEEKS, vietnamDay, weekdayNames } from '../../roster/dates.ts';
import { cancelDuty, communeMembers, dutyEventById, type DutyEvent, type FormErrors, markServed, moveDuty, PlanRefused, planDuty } from '../../roster/plan.ts';
import { cancelFormSchema, moveFormSchema, planFormSchema, servedFormSchema } from '../../roster/form-schemas.ts';
import { readForm } from '../../forms/read-form.ts';
import { communeSchedule, type ScheduleItem } from '../../roster/schedule.ts';
import { rosterCounts } from '../../roster/served.ts';
import { FieldInput, FieldSelect } from '../../views/field.tsx';
import { ScheduleEntry, whenOf } from '../../views/roster.tsx';
import { communePath } from '../../views/directory/components.tsx';
import type { DutyKind } from '../../../db/schema/rosters.ts';

const t = ui.roster;
const BASE = '/quan-tri/lich/';

type Ctx = Context<AdminEnv>;
interface Commune {
  provinceCode: string;
  communeCode: string;
  name: string;
}

export const rosterAdmin = new Hono<AdminEnv>();

/** A commune-level route: the commune of ?xa= (by default a commune officer's own), inside the official's scope. */
const atCommune = officials({ scope: fromQuery('xa') });
/** An event route: the shift or session of the path, inside the official's scope. */
const atEvent = officials({ scope: dutyEventFromPath });

/**
 * The commune the guard checked (atCommune). undefined: none chosen yet
 * (province and national admins); a Response: 403 for "?xa=tinh", since
 * shifts belong to a commune.
 */
async function rosterCommune(c: Ctx): Promise<Commune | undefined | Response> {
  const scope = c.get('scope');
  if (scope?.provinceTeamsOnly) return forbiddenPage(c, 'scope');
  if (!scope?.communeCode) return undefined;
  const name = scope.name ?? (await communePlace(c.var.db, scope.communeCode))?.name ?? scope.communeCode;
  return { provinceCode: scope.provinceCode!, communeCode: scope.communeCode, name };
}

/** The shift or session of the path (its scope checked by atEvent), or 404. */
async function rosterEvent(c: Ctx): Promise<DutyEvent | Response> {
  const id = c.req.param('id');
  const event = c.get('scope') && id && /^[1-9]\d{0,11}$/.test(id) ? await dutyEventById(c.var.db, Number(id)) : null;
  return event ?? c.notFound();
}

const listUrl = (commune: Pick<Commune, 'communeCode'>, notice?: string) =>
  `${BASE}?${new URLSearchParams({ xa: commune.communeCode, ...(notice ? { 'ket-qua': notice } : {}) })}`;

const Back = ({ commune }: { commune: Pick<Commune, 'communeCode'> }) => (
  <p>
    <a href={listUrl(commune)}>{t.back}</a>
  </p>
);

/** Province and national admins pick a commune first (a province admin from their province's communes). */
async function CommunePicker({ c, action }: { c: Ctx; action: string }) {
  const official = c.get('official');
  const communes = official.provinceCode
    ? (
        await c.var.db
          .prepare('SELECT code, name FROM communes WHERE province_code = ? ORDER BY name_folded LIMIT 200')
          .bind(official.provinceCode)
          .all<{ code: string; name: string }>()
      ).results
    : [];
  return (
    <form method="get" action={action} class="field">
      <label for="xa">{t.communeLabel}</label>
      {communes.length > 0 ? (
        <select id="xa" name="xa">
          {communes.map((cm) => (
            <option value={cm.code}>{cm.name}</option>
          ))}
        </select>
      ) : (
        <input id="xa" name="xa" inputmode="numeric" pattern="\d{5}" maxlength={5} required />
      )}{' '}
      <button type="submit">{t.show}</button>
    </form>
  );
}

// The commune's next four weeks.
rosterAdmin.get('/', atCommune, async (c) => {
  const commune = await rosterCommune(c);
  if (commune instanceof Response) return commune;
  if (!commune) {
    return adminPage(c, {
      title: t.adminTitle,
      main: (
        <>
          <AdminHomeLink />
          <h1>{t.adminTitle}</h1>
          <p>{t.chooseCommune}</p>
          <CommunePicker c={c} action={BASE} />
        </>
      ),
    });
  }
  const today = vietnamDay();
  const items = await communeSchedule(c.var.db, commune.communeCode, { from: today, to: addDays(today, 27) }, 'official');
  const notices: Record<string, string> = {
    'da-doi': t.moved,
    'da-huy': t.cancelled,
    'da-huy-truoc': t.alreadyCancelled,
    'khong-doi': t.notMoved,
    'da-truc': t.servedSaved,
  };
  const planned = c.req.query('da-xep');
  const again = c.req.query('da-co');
  const notice =
    planned && /^\d{1,3}$/.test(planned)
      ? t.planned(Number(planned))
      : again && /^\d{1,3}$/.test(again)
        ? t.plannedAgain(Number(again))
        : notices[c.req.query('ket-qua') ?? ''];
  const q = `?xa=${commune.communeCode}`;
  return adminPage(c, {
    title: t.adminTitle,
    main: (
      <>
        <AdminHomeLink />
        <h1>{`${t.adminTitle}: ${commune.name}`}</h1>
        {notice && (
          <p class="notice notice-success" role="status">
            {notice}
          </p>
        )}
        <p>{t.adminIntro}</p>
        <ul>
          <li>
            <a href={`${BASE}them/${q}&loai=ca`}>{t.addShift}</a>
          </li>
          <li>
            <a href={`${BASE}them/${q}&loai=buoi`}>{t.addSession}</a>
          </li>
          <li>
            <a href={`${BASE}bao-cao/${q}`}>{t.report}</a>
          </li>
          <li>
            <a href={communePath(commune.provinceCode, commune.communeCode)}>{t.publicPage}</a>
          </li>
        </ul>
        <h2>{t.upcoming}</h2>
        {items.length === 0 ? (
          <p>{t.nothingPlanned}</p>
        ) : (
          <ul class="duties">
            {items.map((item) => (
              <AdminEntry item={item} />
            ))}
          </ul>
        )}
      </>
    ),
  });
});

/** One event in the officer's list: the public line, who said they cannot come, and the link to change it. */
function AdminEntry({ item }: { item: ScheduleItem }) {
  const absent = item.members.filter((m) => m.cannotCome);
  return (
    <>
      <ScheduleEntry item={item} />
      <li class="duty-admin">
        {absent.length > 0 && (
          <p class="notice notice-warning">
            {t.cannotCome}: {absent.map((m) => m.name).join(', ')}
          </p>
        )}
        <a href={`${BASE}${item.id}/`} aria-label={`${t.open}: ${t.kinds[item.kind]} ${whenOf(item)}`}>
          {t.open}
        </a>
      </li>
    </>
  );
}

/** ?loai=: "ca" a duty shift, "buoi" a help session; none given, a shift (the commune centre's daily duty). */
const kindOf = (loai: string = 'ca'): DutyKind | undefined => (loai === 'ca' ? 'shift' : loai === 'buoi' ? 'session' : undefined);

async function planForm(c: Ctx, commune: Commune, kind: DutyKind, form?: { values: Record<string, unknown>; errors: FormErrors }) {
  const [members, villages] = await Promise.all([communeMembers(c.var.db, commune.communeCode), villagesOfCommune(c.var.db, commune.communeCode)]);
  const v = form?.values ?? {};
  const text = (name: string, fallback = '') => (typeof v[name] === 'string' ? (v[name] as string) : fallback);
  const list = (name: string) => new Set((Array.isArray(v[name]) ? v[name] : v[name] === undefined ? [] : [v[name]]).map(String));
  const chosen = { members: list('members'), topics: list('topics'), repeat: list('repeat') };
  const errors = form?.errors ?? {};
  const title = kind === 'shift' ? t.formShiftTitle : t.formSessionTitle;
  const action = `${BASE}them/?xa=${commune.communeCode}&loai=${kind === 'shift' ? 'ca' : 'buoi'}`;
  return adminPage(c, {
    title,
    status: form ? 400 : 200,
    main: (
      <>
        <Back commune={commune} />
        <h1>{title}</h1>
        <p class="lead">{commune.name}</p>
        {form && (
          <p class="notice notice-error" role="alert">
            {errors['form-key'] ?? t.errors.form}
          </p>
        )}
        <form method="post" action={action} novalidate>
          <CsrfField token={csrfToken(c)} />
          {/* One key per form shown: the same form sent twice plans once. */}
          <input type="hidden" name="form-key" value={text('form-key') || randomToken()} />
          <div class="field">
            <FieldInput
              id="day"
              name="day"
              type="date"
              label={t.dayLabel}
              hint={formatDate(vietnamDay())}
              value={text('day', vietnamDay())}
              error={errors.day}
              required
            />
          </div>
          <div class="field">
            <FieldInput
              id="start"
              name="start"
              type="time"
              label={t.startLabel}
              hint={t.timeHint}
              value={text('start', kind === 'shift' ? '07:30' : '19:30')}
              error={errors.start}
              required
            />
          </div>
          <div class="field">
            <FieldInput
              id="end"
              name="end"
              type="time"
              label={t.endLabel}
              hint={t.timeHint}
              value={text('end', kind === 'shift' ? '11:00' : '21:00')}
              error={errors.end}
              required
            />
          </div>
          <div class="field">
            <FieldInput
              id="place"
              name="place"
              label={t.placeLabel}
              hint={t.placeHint}
              value={text('place', kind === 'shift' ? t.shiftPlaceDefault : '')}
              error={errors.place}
              required
              maxlength={120}
            />
          </div>
          {kind === 'session' && villages.length > 0 && (
            <div class="field">
              <FieldSelect id="village" name="village" label={t.villageLabel} error={errors.village}>
                <option value="">{t.villageNone}</option>
                {villages.map((vl) => (
                  <option value={String(vl.id)} selected={text('village') === String(vl.id)}>
                    {vl.name}
                  </option>
                ))}
              </FieldSelect>
            </div>
          )}
          {kind === 'session' && (
            <fieldset>
              <legend>{t.topicsLegend}</legend>
              {errors.topics && <p class="field-error">{errors.topics}</p>}
              {tasks.map((task) => (
                <label class="check">
                  <input type="checkbox" name="topics" value={task.id} checked={chosen.topics.has(task.id)} /> {task.label}
                </label>
              ))}
            </fieldset>
          )}
          <fieldset>
            <legend>{t.membersLegend}</legend>
            {errors.members && <p class="field-error">{errors.members}</p>}
            {members.length === 0 && <p>{t.noMembers}</p>}
            {members.map((m) => (
              <label class="check">
                <input type="checkbox" name="members" value={String(m.id)} checked={chosen.members.has(String(m.id))} /> {m.fullName} ({m.teamName})
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t.repeatLegend}</legend>
            {errors.repeat && <p class="field-error">{errors.repeat}</p>}
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <label class="check">
                <input type="checkbox" name="repeat" value={String(d)} checked={chosen.repeat.has(String(d))} /> {weekdayNames[d]}
              </label>
            ))}
            <div class="field">
              <FieldInput
                id="weeks"
                name="weeks"
                type="number"
                inputmode="numeric"
                min="1"
                max={String(MAX_RULE_WEEKS)}
                label={t.weeksLabel}
                hint={t.weeksHint(MAX_RULE_WEEKS)}
                value={text('weeks', '4')}
                error={errors.weeks}
              />
            </div>
          </fieldset>
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      </>
    ),
  });
}

rosterAdmin.get('/them/', atCommune, async (c) => {
  const commune = await rosterCommune(c);
  if (commune instanceof Response) return commune;
  const kind = kindOf(c.req.query('loai'));
  if (!commune || !kind) return c.redirect(BASE, 303);
  return planForm(c, commune, kind);
});

rosterAdmin.post('/them/', atCommune, async (c) => {
  const commune = await rosterCommune(c);
  if (commune instanceof Response) return commune;
  const kind = kindOf(c.req.query('loai'));
  if (!commune || !kind) return c.redirect(BASE, 303);
  const form = await readForm(c, planFormSchema(), { all: true });
  if (!form.ok) return planForm(c, commune, kind, { values: form.values, errors: form.errors });
  try {
    const result = await planDuty(c.var.db, c.get('official'), commune, kind, form.data);
    const outcome: Record<string, string> = { xa: commune.communeCode, [result.repeated ? 'da-co' : 'da-xep']: String(result.count) };
    return c.redirect(`${BASE}?${new URLSearchParams(outcome)}`, 303);
  } catch (err) {
    if (err instanceof PlanRefused) return planForm(c, commune, kind, { values: form.values, errors: err.errors });
    throw err;
  }
});

async function eventPage(c: Ctx, event: DutyEvent, form?: { errors: FormErrors; values: Record<string, unknown>; status?: 400 }) {
  const [item] = (await communeSchedule(c.var.db, event.communeCode, { from: event.day, to: event.day }, 'official')).filter((i) => i.id === event.id);
  if (!item) return c.notFound();
  const csrf = csrfToken(c);
  const commune = { communeCode: event.communeCode };
  const title = t.eventTitle(t.kinds[item.kind], whenOf(item));
  const v = form?.values ?? {};
  const text = (name: string, fallback: string) => (typeof v[name] === 'string' ? (v[name] as string) : fallback);
  const errors = form?.errors ?? {};
  const canServe = item.status !== 'cancelled' && item.day <= vietnamDay();
  return adminPage(c, {
    title,
    status: form ? 400 : 200,
    main: (
      <>
        <Back commune={commune} />
        <h1>{title}</h1>
        {errors.confirm && (
          <p class="notice notice-error" role="alert">
            {errors.confirm}
          </p>
        )}
        <ul class="duties">
          <ScheduleEntry item={item} />
        </ul>
        <h2>{t.membersHeading}</h2>
        <ul>
          {item.members.map((m) => (
            <li>
              {m.name}
              {m.cannotCome && ` — ${t.saidCannotCome}`}
              {m.served && ` — ${t.statuses.served}`}
              {canServe && !m.served && (
                <form method="post" action={`${BASE}${item.id}/da-truc`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="member" value={String(m.id)} />
                  <button type="submit" class="button-secondary">
                    {t.markServed(m.name)}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {item.status === 'planned' && (
          <>
            <form method="post" action={`${BASE}${item.id}/doi`} novalidate>
              <CsrfField token={csrf} />
              <fieldset>
                <legend>{t.moveLegend}</legend>
                {form && !errors.confirm && (
                  <p class="notice notice-error" role="alert">
                    {t.errors.form}
                  </p>
                )}
                <div class="field">
                  <FieldInput
                    id="day"
                    name="day"
                    type="date"
                    label={t.dayLabel}
                    hint={formatDate(item.day)}
                    value={text('day', item.day)}
                    error={errors.day}
                    required
                  />
                </div>
                <div class="field">
                  <FieldInput
                    id="start"
                    name="start"
                    type="time"
                    label={t.startLabel}
                    hint={t.timeHint}
                    value={text('start', item.startTime)}
                    error={errors.start}
                    required
                  />
                </div>
                <div class="field">
                  <FieldInput
                    id="end"
                    name="end"
                    type="time"
                    label={t.endLabel}
                    hint={t.timeHint}
                    value={text('end', item.endTime)}
                    error={errors.end}
                    required
                  />
                </div>
                <div class="field">
                  <FieldInput
                    id="place"
                    name="place"
                    label={t.placeLabel}
                    hint={t.placeHint}
                    value={text('place', item.place)}
                    error={errors.place}
                    required
                    maxlength={120}
                  />
                </div>
                <button type="submit">{t.move}</button>
              </fieldset>
            </form>
            <form method="post" action={`${BASE}${item.id}/huy`}>
              <CsrfField token={csrf} />
              <fieldset>
                <legend>{t.cancelLegend}</legend>
                <p>{t.cancelWarning(t.kinds[item.kind], whenOf(item), item.members.filter((m) => !m.cannotCome).length)}</p>
                <label class="check">
                  <input type="checkbox" name="confirm" value="1" required /> {t.cancelConfirm}
                </label>
                <p>
                  <button type="submit" class="button-secondary">
                    {t.cancel}
                  </button>
                </p>
              </fieldset>
            </form>
          </>
        )}
      </>
    ),
  });
}

rosterAdmin.get('/:id{[0-9]+}/', atEvent, async (c) => {
  const event = await rosterEvent(c);
  return event instanceof Response ? event : eventPage(c, event);
});

rosterAdmin.post('/:id{[0-9]+}/doi', atEvent, async (c) => {
  const event = await rosterEvent(c);
  if (event instanceof Response) return event;
  const form = await readForm(c, moveFormSchema());
  if (!form.ok) return eventPage(c, event, { values: form.values, errors: form.errors });
  const moved = await moveDuty(c.var.db, c.get('official'), event, form.data);
  return c.redirect(listUrl(event, moved ? 'da-doi' : 'khong-doi'), 303);
});

rosterAdmin.post('/:id{[0-9]+}/huy', atEvent, async (c) => {
  const event = await rosterEvent(c);
  if (event instanceof Response) return event;
  // Nothing destructive by surprise: the form says what goes, and asks once more.
  const form = await readForm(c, cancelFormSchema);
  if (!form.ok) return eventPage(c, event, { values: {}, errors: form.errors });
  const done = await cancelDuty(c.var.db, c.get('official'), event);
  return c.redirect(listUrl(event, done ? 'da-huy' : 'da-huy-truoc'), 303);
});

rosterAdmin.post('/:id{[0-9]+}/da-truc', atEvent, async (c) => {
  const event = await rosterEvent(c);
  if (event instanceof Response) return event;
  const form = await readForm(c, servedFormSchema);
  if (!form.ok) return c.notFound();
  await markServed(c.var.db, c.get('official'), event, form.data.member);
  return c.redirect(listUrl(event, 'da-truc'), 303);
});

// Shifts and sessions planned, served and cancelled per commune, over a period (default: the last 30 days).
rosterAdmin.get('/bao-cao/', atCommune, async (c) => {
  const official = c.get('official');
  const commune = await rosterCommune(c);
  if (commune instanceof Response) return commune;
  const today = vietnamDay();
  const from = c.req.query('from') ?? addDays(today, -29);
  const to = c.req.query('to') ?? today;
  const valid = isDay(from) && isDay(to) && from <= to && daysBetween(from, to) < MAX_RANGE_DAYS * 4;
  const place = commune ? { provinceCode: commune.provinceCode, communeCode: commune.communeCode } : { provinceCode: official.provinceCode, communeCode: null };
  const rows = valid ? await rosterCounts(c.var.db, place, { from, to }) : [];
  return adminPage(c, {
    title: t.reportTitle,
    status: valid ? 200 : 400,
    main: (
      <>
        {commune ? <Back commune={commune} /> : <AdminHomeLink />}
        <h1>{t.reportTitle}</h1>
        <p>{t.reportIntro}</p>
        <form method="get" action={`${BASE}bao-cao/`}>
          {commune && <input type="hidden" name="xa" value={commune.communeCode} />}
          <div class="field">
            <FieldInput id="from" name="from" type="date" label={t.periodFrom} hint={formatDate(from)} value={from} />
          </div>
          <div class="field">
            <FieldInput id="to" name="to" type="date" label={t.periodTo} hint={formatDate(to)} value={to} />
          </div>
          <button type="submit">{t.show}</button>
        </form>
        {!valid && (
          <p class="notice notice-error" role="alert">
            {t.badPeriod(MAX_RANGE_DAYS * 4)}
          </p>
        )}
        {valid && rows.length === 0 && <p>{t.reportEmpty}</p>}
        {rows.length > 0 && (
          <div class="table-wrap">
            <table class="table-stack">
              <thead>
                <tr>
                  <th scope="col">{t.colCommune}</th>
                  <th scope="col">{t.colShifts}</th>
                  <th scope="col">{t.colSessions}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-commune={r.communeCode}>
                    <th scope="row">{r.communeName}</th>
                    <td data-label={t.colShifts} data-counts="shifts">{`${r.shiftsPlanned} / ${r.shiftsServed} / ${r.shiftsCancelled}`}</td>
                    <td data-label={t.colSessions} data-counts="sessions">{`${r.sessionsPlanned} / ${r.sessionsServed} / ${r.sessionsCancelled}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
});
