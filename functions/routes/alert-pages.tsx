// Scam alerts for citizens (issue 18): the line on the home page, the list
// /canh-bao/, a card per alert /canh-bao/<slug>/ with its Zalo text and
// loudspeaker script, and the Atom feed. Read only: nothing here changes data.
import { type Context, Hono } from 'hono';
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { ALERT_OG_SLUG, ogImagePath } from '../../site/utils/og.ts';
import { type Alert, alertBySlug, alertStatus, currentAlerts, recentAlerts } from '../alerts/alerts.ts';
import { alertLineFor, pageWithAlertLine } from '../alerts/alert-line.ts';
import { loudspeakerScript, zaloText } from '../alerts/texts.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../errors.ts';
import { guideCatalog } from '../guide-catalog.ts';
import { siteOrigin } from '../site-origin.ts';
import { AlertCard, alertPath, AlertStyle } from '../views/alert-card.tsx';
import { renderInShell } from '../views/render-page.ts';

const t = ui.alerts;
const PUBLIC_CACHE = 'public, max-age=60';

export const alertPages = new Hono<AppEnv>();

// The home page: the built page, with the newest national alert's line above its heading.
alertPages.get('/', async (c) => {
  const line = await alertLineFor(c.env, 'home');
  return line ? pageWithAlertLine(c, line, 'main#main > h1') : c.env.ASSETS.fetch(c.req.raw);
});

function AlertList({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) return <p>{t.listEmpty}</p>;
  return (
    <ul class="cards">
      {alerts.map((a) => (
        <li class="card">
          <h2 class="card-title">
            <a href={alertPath(a.slug)}>{a.title}</a>
          </h2>
          <p class="card-meta">
            {t.scopeOf(a.provinceName)} · {t.validity(formatDate(a.startsOn), formatDate(a.endsOn))}
          </p>
        </li>
      ))}
    </ul>
  );
}

alertPages.get('/canh-bao/', async (c) => {
  const alerts = await currentAlerts(c.var.db, { province: 'all' });
  return renderInShell(c, {
    title: t.listTitle,
    description: t.listDescription,
    cacheControl: PUBLIC_CACHE,
    image: { path: ogImagePath(ALERT_OG_SLUG), alt: t.ogTitle },
    main: (
      <>
        <h1>{t.listTitle}</h1>
        <p class="lead">{t.listIntro}</p>
        <AlertList alerts={alerts} />
      </>
    ).toString(),
  });
});

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

alertPages.get('/canh-bao/atom.xml', async (c) => {
  const origin = siteOrigin(c.env);
  const alerts = await recentAlerts(c.var.db);
  const updated = new Date(Math.max(0, ...alerts.map((a) => a.updatedAt))).toISOString();
  const entries = alerts.map((a) => {
    const url = `${origin}${alertPath(a.slug)}`;
    return `<entry><title>${escapeXml(a.title)}</title><id>${escapeXml(url)}</id><link href="${escapeXml(url)}"/><published>${new Date(a.createdAt).toISOString()}</published><updated>${new Date(a.updatedAt).toISOString()}</updated><category term="${escapeXml(a.provinceCode ?? 'toan-quoc')}" label="${escapeXml(t.scopeOf(a.provinceName))}"/><summary>${escapeXml(`${t.validity(formatDate(a.startsOn), formatDate(a.endsOn))}. ${a.scamText}`)}</summary></entry>`;
  });
  const feed = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><title>${escapeXml(t.feedTitle)}</title><id>${origin}/canh-bao/</id><link rel="self" href="${origin}/canh-bao/atom.xml"/><link href="${origin}/canh-bao/"/><updated>${updated}</updated><author><name>${escapeXml(ui.siteName)}</name></author>${entries.join('')}</feed>\n`;
  return c.body(feed, 200, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': PUBLIC_CACHE });
});

/** The alert of the path, or the answer to send: 404 unknown, 410 withdrawn. */
async function alertOfPath(c: Context<AppEnv>): Promise<Alert | Response> {
  const alert = await alertBySlug(c.var.db, c.req.param('slug') ?? '');
  if (!alert) return notFoundPage(c);
  if (alert.withdrawnAt) {
    return renderInShell(c, {
      title: t.withdrawnTitle,
      description: t.withdrawn,
      status: 410,
      cacheControl: PUBLIC_CACHE,
      main: (
        <>
          <h1>{t.withdrawnTitle}</h1>
          <p>{t.withdrawn}</p>
          <p>
            <a href="/canh-bao/">{t.seeAll}</a>
          </p>
        </>
      ).toString(),
    });
  }
  return alert;
}

alertPages.get('/canh-bao/:slug/', async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  const status = alertStatus(alert);
  const catalog = await guideCatalog(c.env, c.req.url);
  return renderInShell(c, {
    title: alert.title,
    description: `${t.label}. ${alert.scamText}`.slice(0, 200),
    cacheControl: PUBLIC_CACHE,
    readAloud: true,
    image: { path: ogImagePath(ALERT_OG_SLUG), alt: t.ogTitle },
    main: (
      <>
        <AlertStyle />
        <AlertCard
          alert={alert}
          provinceName={alert.provinceName}
          catalog={catalog}
          cardUrl={`${siteOrigin(c.env)}${alertPath(alert.slug)}`}
          notice={status === 'ended' ? t.expired : status === 'upcoming' ? t.notStarted : undefined}
        />
        <p class="no-print">
          <a href="/canh-bao/">{t.seeAll}</a>
        </p>
      </>
    ).toString(),
  });
});

const plainText = () => ({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': PUBLIC_CACHE, 'x-robots-tag': 'noindex' });

alertPages.get('/canh-bao/:slug/zalo.txt', async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  const text = zaloText(alert, `${siteOrigin(c.env)}${alertPath(alert.slug)}`);
  return c.body(text, 200, plainText());
});

alertPages.get('/canh-bao/:slug/loa.txt', async (c) => {
  const alert = await alertOfPath(c);
  if (alert instanceof Response) return alert;
  const text = loudspeakerScript(alert);
  return c.body(text, 200, plainText());
});
