import { type Context, Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import {
  CapExceeded,
  canChange,
  capMessage,
  deleteAssist,
  earliestDay,
  memberHistory,
  ownEntry,
  assistFormSchema,
  recordAssist,
  updateAssist,
  VillageNotInCommune,
  villagesOfCommune,
  vietnamDay,
  formMessages,
  type FieldErrors,
} from '../assists/entries.ts';
import { consumeSignInLink, inspectSignInLink, issueSignInLink, memberSessions, signInUrl } from '../assists/member-auth.ts';
import { cookieSessionId, endCurrentSession, endSessionStatement, setSessionCookie } from '../auth/session-core.ts';
import { taskById } from '../assists/tasks.ts';
import { confirmationUrl, makeConfirmationCode, memberConfirmationCode } from '../assists/confirmations.ts';
import { siteOrigin } from '../site-origin.ts';
import { MemberCodePage } from '../views/confirmation.tsx';
import { currentAlerts } from '../alerts/alerts.ts';
import { refuseUnreadableForm } from '../middleware/readable-form.ts';
import { memberPage, type MemberEnv } from '../assists/member-guard.tsx';
import { csrfRule, csrfToken } from '../auth/csrf.tsx';
import { anyone, members } from '../auth/guard.ts';
import { guideCatalog } from '../guide-catalog.ts';
import { EditEntry, formValuesOf, linkStateMessage, MemberHome, MessagePage, NewSignInLink, NotSignedIn, SignInPage } from '../views/member-area.tsx';
import { browserOf } from '../assists/browser-name.ts';
import { readForm } from '../forms/read-form.ts';
import { onceOnly } from '../auth/once.tsx';

const t = ui.member;

/** Mounted at '/' like every router: its paths are under /thanh-vien/. */
export const memberArea = new Hono<MemberEnv>().basePath('/thanh-vien/');

// A form the body parser cannot read gets a page that says so (issue 21), before anything reads it.
memberArea.use(
  '*',
  refuseUnreadableForm((c, message) =>
    memberPage(c, {
      title: ui.badInput.unreadableTitle,
      description: t.areaDescription,
      status: 400,
      main: (<MessagePage title={ui.badInput.unreadableTitle} message={message} />).toString(),
    }),
  ),
);
// The one CSRF rule (functions/auth/csrf.tsx): this site's own pages only, with the session's token.
memberArea.use(
  '*',
  csrfRule((c) =>
    memberPage(c, {
      title: t.linkProblemTitle,
      description: t.areaDescription,
      status: 403,
      main: (<MessagePage title={t.linkProblemTitle} message={t.formOrigin} />).toString(),
    }),
  ),
);

// The sign-in link: GET only shows the button (chat previewers fetch links), POST signs in.
memberArea.get('/dang-nhap/:token', anyone('the sign-in link page: shows the button only'), async (c) => {
  const { state, memberName } = await inspectSignInLink(c.var.db, c.req.param('token'));
  if (state !== 'valid') {
    return memberPage(c, {
      title: t.linkProblemTitle,
      description: t.signInDescription,
      status: state === 'unknown' ? 404 : 410,
      main: (<MessagePage title={t.linkProblemTitle} message={linkStateMessage(state)} />).toString(),
    });
  }
  return memberPage(c, {
    title: t.signInTitle,
    description: t.signInDescription,
    main: (<SignInPage name={memberName ?? ''} browser={browserOf(c.req.header('user-agent'))} />).toString(),
  });
});

memberArea.post('/dang-nhap/:token', anyone('the link token in the path is the credential', { credentialInPath: true }), async (c) => {
  const result = await consumeSignInLink(c.var.db, c.req.param('token'));
  if (!result.ok) {
    const state = result.state === 'valid' ? 'used' : result.state;
    return memberPage(c, {
      title: t.linkProblemTitle,
      description: t.signInDescription,
      status: state === 'unknown' ? 404 : 410,
      main: (<MessagePage title={t.linkProblemTitle} message={linkStateMessage(state)} />).toString(),
    });
  }
  // A session already open on this phone (another member's, or an older one) ends here.
  const previous = await cookieSessionId(c, memberSessions);
  if (previous) await endSessionStatement(c.var.db, memberSessions, previous).run();
  setSessionCookie(c, memberSessions, result.session);
  return c.redirect('/thanh-vien/', 303);
});

memberArea.post('/dang-xuat', anyone('signing out ends whatever session the cookie holds'), async (c) => {
  await endCurrentSession(c, c.var.db, memberSessions);
  return memberPage(c, { title: t.areaTitle, description: t.areaDescription, main: (<NotSignedIn notice={t.signedOut} />).toString() });
});

async function homePage(
  c: Context<MemberEnv>,
  form: { values: Record<string, unknown>; errors?: FieldErrors },
  notice?: string,
  /** The entry just recorded: the page offers its confirmation code (issue 23). */
  recordedId?: number,
) {
  const member = c.get('member');
  const now = Date.now();
  const [villages, history, catalog, alerts] = await Promise.all([
    villagesOfCommune(c.var.db, member.communeCode),
    memberHistory(c.var.db, member.id),
    guideCatalog(c.env, c.req.url),
    currentAlerts(c.var.db, { province: member.provinceCode }),
  ]);
  // The task a member recorded last is the likely next one.
  const values = formValuesOf(form.values);
  values.task ??= history[0]?.task;
  values.village ??= member.villageId ?? undefined;
  return memberPage(c, {
    title: t.areaTitle,
    description: t.areaDescription,
    status: form.errors ? 400 : 200,
    main: (
      <MemberHome
        member={member}
        csrf={csrfToken(c)}
        notice={notice}
        recordedId={recordedId}
        form={{ values, errors: form.errors }}
        villages={villages}
        today={vietnamDay(now)}
        earliest={earliestDay(now)}
        history={history}
        catalog={catalog}
        now={now}
        alertsToPassOn={alerts.length}
      />
    ).toString(),
  });
}

const entryId = (c: Context) => {
  const id = c.req.param('id');
  return id && /^[1-9]\d{0,11}$/.test(id) ? Number(id) : null;
};

memberArea.get('/', members(), async (c) => {
  const member = c.get('member');
  const done = c.req.query('da-ghi');
  let notice: string | undefined;
  let recordedId: number | undefined;
  if (done && /^[1-9]\d{0,11}$/.test(done)) {
    const entry = await ownEntry(c.var.db, member.id, Number(done));
    if (entry) notice = t.recorded(entry.people, taskById.get(entry.task)?.label ?? entry.task);
    if (entry && entry.voidedAt === null) recordedId = entry.id;
  } else if (c.req.query('da-sua') !== undefined) notice = t.updated;
  else if (c.req.query('da-xoa') !== undefined) notice = t.deleted;
  return homePage(c, { values: {} }, notice, recordedId);
});

/** Errors of a refused write, as form field errors. */
function writeErrors(err: unknown): FieldErrors {
  if (err instanceof CapExceeded) return { people: capMessage(err) };
  if (err instanceof VillageNotInCommune) return { village: formMessages.village };
  throw err;
}

/** A resent or double-tapped assist form records once (issue 16): the token's pages in the members' area. */
const onceForm = onceOnly({
  missing: (c) =>
    memberPage(c, {
      title: ui.formOnce.missingTitle,
      description: t.areaDescription,
      status: 400,
      main: (
        <MessagePage title={ui.formOnce.missingTitle} message={ui.formOnce.missing}>
          <p>
            <a href="/thanh-vien/">{ui.formOnce.back}</a>
          </p>
        </MessagePage>
      ).toString(),
    }),
  repeated: (c) =>
    memberPage(c, {
      title: ui.formOnce.repeatedTitle,
      description: t.areaDescription,
      status: 409,
      main: (
        <MessagePage title={ui.formOnce.repeatedTitle} message={ui.formOnce.repeated}>
          <p>
            <a href="/thanh-vien/">{ui.formOnce.back}</a>
          </p>
        </MessagePage>
      ).toString(),
    }),
});

memberArea.post('/ghi-nhan', members(), onceForm, async (c) => {
  const member = c.get('member');
  const form = await readForm(c, assistFormSchema());
  if (!form.ok) return homePage(c, { values: form.values, errors: form.errors as FieldErrors });
  try {
    const id = await recordAssist(c.var.db, member, form.data);
    return c.redirect(`/thanh-vien/?da-ghi=${id}`, 303);
  } catch (err) {
    return homePage(c, { values: form.values, errors: writeErrors(err) });
  }
});

async function editPage(c: Context<MemberEnv>, id: number, form?: { values: Record<string, unknown>; errors?: FieldErrors }) {
  const member = c.get('member');
  const now = Date.now();
  const entry = await ownEntry(c.var.db, member.id, id);
  if (!entry) return c.notFound();
  if (!canChange(entry, now)) {
    return memberPage(c, {
      title: t.editTitle,
      description: t.areaDescription,
      status: 409,
      main: (
        <MessagePage title={t.editTitle} message={t.notEditable}>
          <p>
            <a href="/thanh-vien/">{t.backHome}</a>
          </p>
        </MessagePage>
      ).toString(),
    });
  }
  const values = form
    ? formValuesOf(form.values)
    : { task: entry.task, people: entry.people, day: entry.day, village: entry.villageId, outcome: entry.outcome };
  return memberPage(c, {
    title: t.editTitle,
    description: t.areaDescription,
    status: form?.errors ? 400 : 200,
    main: (
      <EditEntry
        entry={entry}
        csrf={csrfToken(c)}
        values={values}
        errors={form?.errors}
        villages={await villagesOfCommune(c.var.db, member.communeCode)}
        today={vietnamDay(now)}
        earliest={earliestDay(now)}
      />
    ).toString(),
  });
}

memberArea.get('/ghi-nhan/:id/', members(), async (c) => {
  const id = entryId(c);
  return id ? editPage(c, id) : c.notFound();
});

memberArea.post('/ghi-nhan/:id/', members(), async (c) => {
  const id = entryId(c);
  if (!id) return c.notFound();
  const member = c.get('member');
  const entry = await ownEntry(c.var.db, member.id, id);
  if (!entry || !canChange(entry)) return editPage(c, id);
  const form = await readForm(c, assistFormSchema(Date.now(), entry.day));
  if (!form.ok) return editPage(c, id, { values: form.values, errors: form.errors as FieldErrors });
  try {
    if (!(await updateAssist(c.var.db, member, id, form.data))) return editPage(c, id);
  } catch (err) {
    return editPage(c, id, { values: form.values, errors: writeErrors(err) });
  }
  return c.redirect('/thanh-vien/?da-sua', 303);
});

memberArea.post('/ghi-nhan/:id/xoa', members(), async (c) => {
  const id = entryId(c);
  if (!id) return c.notFound();
  if (!(await deleteAssist(c.var.db, c.get('member').id, id))) return editPage(c, id);
  return c.redirect('/thanh-vien/?da-xoa', 303);
});

// The confirmation code of an entry (issue 23): GET shows it (or the button to make it), POST makes it once.
async function confirmationCodePage(c: Context<MemberEnv>, id: number) {
  const member = c.get('member');
  const entry = await ownEntry(c.var.db, member.id, id);
  if (!entry) return c.notFound();
  const code = await memberConfirmationCode(c.var.db, member.id, id);
  const origin = siteOrigin(c.env);
  return memberPage(c, {
    title: ui.confirm.memberTitle,
    description: t.areaDescription,
    main: (
      <MemberCodePage
        entryId={id}
        code={code}
        url={code ? confirmationUrl(origin, code.code) : null}
        typeAt={`${origin.replace(/^https?:\/\//, '')}/xac-nhan/`}
        now={Date.now()}
        voided={entry.voidedAt !== null}
        csrf={csrfToken(c)}
      />
    ).toString(),
  });
}

memberArea.get('/ghi-nhan/:id/xac-nhan/', members(), async (c) => {
  const id = entryId(c);
  return id ? confirmationCodePage(c, id) : c.notFound();
});

memberArea.post('/ghi-nhan/:id/xac-nhan/', members(), async (c) => {
  const id = entryId(c);
  if (!id) return c.notFound();
  if (!(await makeConfirmationCode(c.var.db, c.get('member').id, id))) return confirmationCodePage(c, id);
  return c.redirect(`/thanh-vien/ghi-nhan/${id}/xac-nhan/`, 303);
});

// A signed-in member makes themselves a new one-time sign-in link, to open in another browser (issue 16).
memberArea.post('/lien-ket-moi', members(), onceForm, async (c) => {
  const member = c.get('member');
  const { token } = await issueSignInLink(c.var.db, member.id, 'member');
  return memberPage(c, {
    title: ui.memberBrowsers.newLinkTitle,
    description: t.areaDescription,
    main: (<NewSignInLink url={signInUrl(siteOrigin(c.env), token)} />).toString(),
  });
});
