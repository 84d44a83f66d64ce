// The member area's pages (the <main> part; renderInShell adds the site's shell).
import { raw } from 'hono/html';
import { CsrfField } from '../auth/csrf.tsx';
import { ui } from '../../site/i18n/ui.ts';
import { guideUrl } from '../../site/utils/urls.ts';
import { type AssistInput, canChange, type FieldErrors, type OwnEntry } from '../assists/entries.ts';
import type { LinkState, SignedInMember } from '../assists/member-auth.ts';
import { DAILY_CAP, taskById, tasks } from '../assists/tasks.ts';
import { DONE, outcomeLabel, stallReasons } from '../assists/outcomes.ts';
import type { GuideEntry } from '../guide-catalog.ts';
import { MakeCodeButton } from './confirmation.tsx';
import { FieldInput, FieldSelect } from './field.tsx';
import { SkillCourses } from './skill-courses.tsx';
import { formatDate } from '../../site/utils/format.ts';
import { OnceField } from '../auth/once.tsx';
import { Notice } from './notice.tsx';
import { copyButtonScript } from './inline-assets.ts';

const t = ui.member;

// Only this area's own layout; the rest is the site's CSS from the shell.
const memberCss = `
.assist-tasks{border:0;padding:0;margin:0 0 1rem}
.assist-tasks legend{font-weight:600;margin-bottom:.25rem}
.assist-task{display:flex;align-items:center;gap:.5rem;min-height:44px;font-weight:400}
.assist-task input{min-height:0;width:1.25rem;height:1.25rem;flex:none}
.assist-form input[type=number]{width:7rem}
.assist-history{list-style:none;padding:0}
.assist-history li{border-top:1px solid #d0d5da;padding:.5rem 0}
`;

function MemberStyle() {
  return <style>{raw(memberCss)}</style>;
}

interface AssistFormValues {
  task?: string;
  people?: string | number;
  day?: string;
  village?: string | number | null;
  outcome?: string | null;
}

/** "Kết quả" (issue 23): not said, done, or one of the fixed reasons it stalled; no free text. */
function OutcomeField({ value, error }: { value: string | null | undefined; error?: string }) {
  const o = ui.memberOutcome;
  return (
    <div class="field">
      <FieldSelect id="outcome" name="outcome" label={o.label} hint={o.hint} error={error}>
        <option value="">{o.none}</option>
        <option value={DONE} selected={value === DONE}>
          {o.done}
        </option>
        <optgroup label={o.stalledGroup}>
          {stallReasons.map((r) => (
            <option value={r.id} selected={value === r.id}>
              {r.label}
            </option>
          ))}
        </optgroup>
      </FieldSelect>
    </div>
  );
}

function AssistForm({
  action,
  values,
  errors = {},
  villages,
  today,
  earliest,
  submitLabel,
  csrf,
}: {
  action: string;
  /** The session-bound CSRF token (functions/auth/csrf.tsx). */
  csrf: string;
  values: AssistFormValues;
  errors?: FieldErrors;
  villages: { id: number; name: string }[];
  today: string;
  earliest: string;
  submitLabel: string;
}) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <form method="post" action={action} class="assist-form" id="assist-form" novalidate>
        <OnceField />
        {hasErrors && (
          <p class="notice notice-error" role="alert">
            {t.formErrors}
          </p>
        )}
        <fieldset class="assist-tasks" aria-describedby={errors.task ? 'task-error' : undefined}>
          <legend>{t.taskLegend}</legend>
          {errors.task && (
            <p class="field-error" id="task-error">
              {errors.task}
            </p>
          )}
          {tasks.map((task) => (
            <label class="assist-task">
              <input type="radio" name="task" value={task.id} checked={values.task === task.id} required />
              {task.label}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <FieldInput
            id="people"
            label={t.peopleLabel}
            hint={t.peopleHint}
            error={errors.people}
            name="people"
            type="number"
            inputmode="numeric"
            min="1"
            max={String(DAILY_CAP)}
            required
            value={values.people === undefined ? '' : String(values.people)}
          />
        </div>
        <div class="field">
          <FieldInput
            id="day"
            label={t.dayLabel}
            hint={t.dayHint}
            error={errors.day}
            name="day"
            type="date"
            min={earliest}
            max={today}
            required
            value={values.day ?? today}
          />
        </div>
        {villages.length > 0 && (
          <div class="field">
            <FieldSelect id="village" name="village" label={t.villageLabel} hint={t.villageHint} error={errors.village}>
              <option value="">{t.villageNone}</option>
              {villages.map((v) => (
                <option value={String(v.id)} selected={String(values.village ?? '') === String(v.id)}>
                  {v.name}
                </option>
              ))}
            </FieldSelect>
          </div>
        )}
        <OutcomeField value={values.outcome} error={errors.outcome} />
        <p>
          <button type="submit">{submitLabel}</button>
        </p>
      </form>
      {/* The session's token, kept beside the form's own fields (the form attribute submits it with them). */}
      <CsrfField token={csrf} form="assist-form" />
    </>
  );
}

/** Each task's guides, as links (only published guides). */
function TaskGuides({ catalog }: { catalog: Map<string, GuideEntry> }) {
  return (
    <details>
      <summary>{t.guidesFor}</summary>
      <ul>
        {tasks
          .filter((task) => task.guides.some((g) => catalog.has(g)))
          .map((task) => (
            <li>
              {task.label}:{' '}
              {task.guides
                .flatMap((slug) => {
                  const guide = catalog.get(slug);
                  return guide ? [<a href={guideUrl(slug)}>{guide.title}</a>] : [];
                })
                .flatMap((link, i) => (i === 0 ? [link] : [<>; </>, link]))}
            </li>
          ))}
      </ul>
    </details>
  );
}

function History({ entries, now }: { entries: OwnEntry[]; now: number }) {
  if (entries.length === 0) return <p>{t.historyEmpty}</p>;
  return (
    <>
      <p>{t.historyNote}</p>
      <ul class="assist-history">
        {entries.map((e) => (
          <li>
            <strong>{formatDate(e.day)}</strong> · {taskById.get(e.task)?.label ?? e.task} · {t.historyPeople(e.people)}
            {e.villageName && <> · {e.villageName}</>}
            {e.outcome !== null && <> · {outcomeLabel(e.outcome)}</>}
            {e.voidedAt !== null ? (
              <>
                {' '}
                · <em>{t.voided}</em>
              </>
            ) : canChange(e, now) ? (
              <>
                {' '}
                · <a href={`/thanh-vien/ghi-nhan/${e.id}/`}>{t.edit}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MemberHome(props: {
  member: SignedInMember;
  csrf: string;
  notice?: string;
  /** The entry just recorded: offered a confirmation code right away (issue 23). */
  recordedId?: number;
  form: { values: AssistFormValues; errors?: FieldErrors };
  villages: { id: number; name: string }[];
  today: string;
  earliest: string;
  history: OwnEntry[];
  catalog: Map<string, GuideEntry>;
  now: number;
  /** Current scam alerts of the member's province (issue 18), to pass on. */
  alertsToPassOn?: number;
}) {
  const { member } = props;
  return (
    <>
      <MemberStyle />
      <h1>{t.hello(member.fullName)}</h1>
      <p>{member.teamName}</p>
      <p>
        <a href="/thanh-vien/lich/">{ui.roster.memberLink}</a>
      </p>
      {props.notice && (
        <p class="notice notice-success" role="status">
          {props.notice}
        </p>
      )}
      {props.recordedId !== undefined && (
        <section aria-labelledby="xac-nhan">
          <h2 id="xac-nhan">{ui.confirm.memberOffer}</h2>
          <MakeCodeButton entryId={props.recordedId} csrf={props.csrf} />
        </section>
      )}
      {props.alertsToPassOn ? (
        <p class="notice notice-warning">
          <a href="/thanh-vien/canh-bao/">{ui.alerts.memberLink(props.alertsToPassOn)}</a>
        </p>
      ) : null}
      <section aria-labelledby="ghi-nhan">
        <h2 id="ghi-nhan">{t.formHeading}</h2>
        <p>{t.formIntro}</p>
        <AssistForm
          action="/thanh-vien/ghi-nhan"
          values={props.form.values}
          errors={props.form.errors}
          villages={props.villages}
          today={props.today}
          earliest={props.earliest}
          submitLabel={t.submit}
          csrf={props.csrf}
        />
        <TaskGuides catalog={props.catalog} />
      </section>
      <section aria-labelledby="lich-su">
        <h2 id="lich-su">{t.historyHeading}</h2>
        <History entries={props.history} now={props.now} />
      </section>
      <section aria-labelledby="chia-se">
        <h2 id="chia-se">{t.toolkitHeading}</h2>
        <p>{t.toolkitText}</p>
        <p>
          <a class="button button-secondary" href={`/cong-cu/${member.code}/`}>
            {t.toolkitLink}
          </a>
        </p>
      </section>
      <section aria-labelledby="trinh-duyet-khac">
        <h2 id="trinh-duyet-khac">{ui.memberBrowsers.newLinkHeading}</h2>
        <p>{ui.memberBrowsers.newLinkText}</p>
        <form method="post" action="/thanh-vien/lien-ket-moi">
          <CsrfField token={props.csrf} />
          <OnceField />
          <button type="submit" class="button-secondary">
            {ui.memberBrowsers.newLinkButton}
          </button>
        </form>
      </section>
      <SkillCourses />
      <form method="post" action="/thanh-vien/dang-xuat">
        <CsrfField token={props.csrf} />
        <button type="submit" class="button-secondary">
          {t.signOut}
        </button>
      </form>
    </>
  );
}

/** A member's own new sign-in link, to open in another browser: copy and share buttons (with JavaScript), the link itself (without). */
export function NewSignInLink({ url }: { url: string }) {
  const b = ui.memberBrowsers;
  return (
    <>
      <h1>{b.newLinkTitle}</h1>
      <p>{b.newLinkIntro}</p>
      <p>
        <code id="lien-ket-moi" class="sign-in-link">
          {url}
        </code>
      </p>
      <p>
        <button type="button" data-copy="lien-ket-moi" data-copied={b.copied} data-copy-failed={b.copyFailed} hidden>
          {b.copy}
        </button>{' '}
        <button type="button" class="button-secondary" data-share-url={url} hidden>
          {b.share}
        </button>
      </p>
      <p>
        <a href="/thanh-vien/">{t.backHome}</a>
      </p>
      <script>{raw(copyButtonScript)}</script>
    </>
  );
}

export function EditEntry(props: {
  entry: OwnEntry;
  csrf: string;
  values: AssistFormValues;
  errors?: FieldErrors;
  villages: { id: number; name: string }[];
  today: string;
  earliest: string;
}) {
  const { entry } = props;
  return (
    <>
      <MemberStyle />
      <p>
        <a href="/thanh-vien/">{t.backHome}</a>
      </p>
      <h1>{t.editTitle}</h1>
      <AssistForm
        action={`/thanh-vien/ghi-nhan/${entry.id}/`}
        values={props.values}
        errors={props.errors}
        villages={props.villages}
        today={props.today}
        // biome-ignore lint/complexity/useMathMinMax: days are 'YYYY-MM-DD' strings, which Math.min would turn into NaN.
        earliest={entry.day < props.earliest ? entry.day : props.earliest}
        submitLabel={t.save}
        csrf={props.csrf}
      />
      <h2>{t.deleteHeading}</h2>
      <form method="post" action={`/thanh-vien/ghi-nhan/${entry.id}/xoa`}>
        <CsrfField token={props.csrf} />
        <button type="submit" class="button-secondary">
          {t.deleteButton}
        </button>
      </form>
    </>
  );
}

export function SignInPage({ name, browser }: { name: string; browser?: { label: string; inApp?: string } }) {
  return (
    <>
      <h1>{t.signInTitle}</h1>
      <p>{t.signInIntro(name)}</p>
      {browser && (
        <Notice tone={browser.inApp ? 'warning' : 'info'}>
          <p>{ui.memberBrowsers.youAreIn(browser.label)}</p>
          {browser.inApp && <p>{ui.memberBrowsers.inApp(browser.inApp)}</p>}
        </Notice>
      )}
      <p>{t.signInKeep}</p>
      <form method="post">
        <button type="submit">{t.signInButton}</button>
      </form>
    </>
  );
}

export function MessagePage({ title, message, children }: { title: string; message: string; children?: unknown }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      {children}
    </>
  );
}

export const linkStateMessage = (state: Exclude<LinkState, 'valid'>) => t.linkStates[state];

export function NotSignedIn({ notice }: { notice?: string }) {
  return (
    <>
      {notice && <Notice tone="success">{notice}</Notice>}
      <h1>{t.notSignedInTitle}</h1>
      <p>{t.notSignedIn}</p>
      <p>
        <a href="/cong-cu/">{t.notSignedInToolkit}</a>
      </p>
    </>
  );
}

export const formValuesOf = (input: Partial<AssistInput> | Record<string, unknown>): AssistFormValues => ({
  task: typeof input.task === 'string' ? input.task : undefined,
  people: typeof input.people === 'string' || typeof input.people === 'number' ? input.people : undefined,
  day: typeof input.day === 'string' ? input.day : undefined,
  village: typeof input.village === 'string' || typeof input.village === 'number' ? input.village : undefined,
  outcome: typeof input.outcome === 'string' ? input.outcome : undefined,
});
