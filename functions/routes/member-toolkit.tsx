import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { MEMBER_CODE_COOKIE } from '../assists/member-auth.ts';
import { z } from 'zod';
import { GuideSlug, pageParams } from '../middleware/page-params.ts';
import { raw } from 'hono/html';
import { ui } from '../../site/i18n/ui.ts';
import { guideUrl } from '../../site/utils/urls.ts';
import { normalizeMemberCode } from '../../site/utils/member-code.ts';
import type { AppEnv } from '../env.ts';
import { siteOrigin } from '../site-origin.ts';
import { apiError, notFoundPage } from '../errors.ts';
import { guideCatalog, guidesByTopic, loadGuideCatalog, type GuideEntry } from '../guide-catalog.ts';
import { findPublicMember, type ToolkitMember } from '../toolkit/public-member.ts';
import { FieldInput } from '../views/field.tsx';
import { printButtonScript, toolkitCss } from '../views/inline-assets.ts';
import { qrSvg } from '../views/qr-svg.ts';
import { renderInShell } from '../views/render-page.ts';

const t = ui.toolkit;

/** The links a QR code or a share button hands out: the member's own, or the guide's. */
function shareUrl(origin: string, slug: string, memberCode?: string | null) {
  return origin + (memberCode ? `/g/${slug}/${memberCode}` : guideUrl(slug));
}

// Links handed out (printed, pasted into Zalo) carry the deployed origin, never the request's Host.
const originOf = (c: Context<AppEnv>) => siteOrigin(c.env);

function CodeForm({ typed = '', error }: { typed?: string; error?: string }) {
  return (
    <>
      <style>{raw(toolkitCss)}</style>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form class="toolkit-form field" action="/cong-cu/" method="get">
        <FieldInput
          id="ma"
          label={t.formLabel}
          hint={t.formHint}
          error={error}
          name="ma"
          value={typed}
          required
          maxlength={16}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
        />
        <p>
          <button type="submit">{t.formSubmit}</button>
        </p>
      </form>
    </>
  );
}

function GuideItem({ guide, link }: { guide: GuideEntry; link: string }) {
  return (
    <li class="toolkit-guide">
      {raw(qrSvg(link, { size: 132, label: t.qrLabel(guide.title) }))}
      <div>
        <a href={link}>
          <strong>{guide.title}</strong>
        </a>
        <p>
          {t.personalLink} <code>{link}</code>
        </p>
      </div>
    </li>
  );
}

function Toolkit({ member, groups, origin }: { member: ToolkitMember; groups: ReturnType<typeof guidesByTopic>; origin: string }) {
  return (
    <>
      <style>{raw(toolkitCss)}</style>
      <h1>{t.memberTitle(member.fullName)}</h1>
      <p>
        {ui.directory.roles[member.role]}, {member.teamName}
        {member.place && ` (${member.place})`}
      </p>
      <dl>
        <dt>{t.codeLabel}</dt>
        <dd>
          <code>{member.code}</code>
        </dd>
        {member.phone && (
          <>
            <dt>{t.contactLabel}</dt>
            <dd>
              <a href={`tel:${member.phone}`}>{member.phone}</a>
            </dd>
          </>
        )}
      </dl>
      <p>{t.howTo}</p>
      <p class="no-print">
        <button type="button" data-print>
          {t.print}
        </button>{' '}
        {t.printHint}
      </p>
      <script>{raw(printButtonScript)}</script>
      <h2>{t.guidesHeading}</h2>
      {groups.map(({ topic, guides }) => (
        <section>
          <h3>{topic.name}</h3>
          <ul class="toolkit-guides">
            {guides.map((guide) => (
              <GuideItem guide={guide} link={shareUrl(origin, guide.slug, member.code)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

// The QR route's file name is the guide's slug plus ".svg".
const qrParams = pageParams(
  z.object({
    file: z
      .string()
      .regex(/\.svg$/)
      .transform((file) => file.slice(0, -'.svg'.length))
      .pipe(GuideSlug),
  }),
  (c) => apiError(c, 404, 'unknown_guide', t.unknownGuide),
);

export const memberToolkit = new Hono<AppEnv>()
  // The code form; ?ma= is what it submits (GET, so it works without JavaScript).
  .get('/cong-cu/', async (c) => {
    const typed = c.req.query('ma');
    if (typed === undefined) {
      // A signed-in member goes straight to their own toolkit (issue 16): no typing.
      const own = normalizeMemberCode(getCookie(c, MEMBER_CODE_COOKIE) ?? '');
      if (own && (await findPublicMember(c.var.db, own))) {
        const res = c.redirect(`/cong-cu/${own}/`, 302);
        res.headers.set('cache-control', 'private, no-store');
        return res;
      }
      return renderInShell(c, { title: t.title, description: t.description, cacheControl: 'private, no-cache', main: (<CodeForm />).toString() });
    }
    const code = normalizeMemberCode(typed);
    const member = code && (await findPublicMember(c.var.db, code));
    if (member) return c.redirect(`/cong-cu/${member.code}/`, 302);
    return renderInShell(c, {
      title: t.title,
      description: t.description,
      status: code ? 404 : 400,
      cacheControl: 'no-store',
      main: (<CodeForm typed={typed.slice(0, 40)} error={code ? t.unknownCode : t.invalidCode} />).toString(),
    });
  })
  // QR code of a guide's link, or of a member's personal link with ?ma=<code> (printed handouts).
  .get('/cong-cu/qr/:file', qrParams, async (c) => {
    const guide = (await guideCatalog(c.env, c.req.url)).get(c.req.valid('param').file);
    if (!guide) return apiError(c, 404, 'unknown_guide', t.unknownGuide);
    const typed = c.req.query('ma');
    let code: string | null = null;
    if (typed !== undefined) {
      code = normalizeMemberCode(typed);
      if (!code) return apiError(c, 400, 'invalid_member_code', t.invalidCode);
      if (!(await findPublicMember(c.var.db, code))) return apiError(c, 404, 'unknown_member', t.unknownCode);
    }
    const svg = qrSvg(shareUrl(originOf(c), guide.slug, code), { size: 180, label: t.qrLabel(guide.title) });
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  })
  .get('/cong-cu/:code/', async (c) => {
    const typed = c.req.param('code');
    const code = normalizeMemberCode(typed);
    // A code written another way (lowercase, O for 0) has one address: the stored form.
    if (code && code !== typed) return c.redirect(`/cong-cu/${code}/`, 301);
    const member = code ? await findPublicMember(c.var.db, code) : null;
    // HEAD answers "does this code exist?" for the guide page's share bar, without rendering.
    if (c.req.method === 'HEAD') return c.body(null, member ? 200 : 404, { 'cache-control': 'no-store' });
    if (!member) return notFoundPage(c);
    const { guides, topics } = await loadGuideCatalog(c);
    return renderInShell(c, {
      title: t.memberTitle(member.fullName),
      description: t.memberDescription(member.fullName, member.teamName),
      cacheControl: 'private, max-age=300',
      main: (<Toolkit member={member} groups={guidesByTopic(guides, topics)} origin={originOf(c)} />).toString(),
    });
  });
