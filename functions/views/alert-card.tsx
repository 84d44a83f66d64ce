// A scam alert card (issue 18), as citizens see it and as an official previews
// it before publishing. Markup the site's read-aloud player reads: `article h1`,
// then `.guide-content` paragraphs and list items.
import { raw } from 'hono/html';
import { ui } from '../../site/i18n/ui.ts';
import { formatDate } from '../../site/utils/format.ts';
import { guideUrl } from '../../site/utils/urls.ts';
import type { AlertInput } from '../alerts/alerts.ts';
import type { GuideEntry } from '../guide-catalog.ts';
import { alertCss, printButtonScript } from './inline-assets.ts';
import { qrSvg } from './qr-svg.ts';

const t = ui.alerts;

const paragraphs = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const alertPath = (slug: string) => `/canh-bao/${slug}/`;

export function AlertStyle() {
  return <style>{raw(alertCss)}</style>;
}

export function AlertCard({
  alert,
  provinceName,
  catalog,
  cardUrl,
  notice,
  tools = true,
}: {
  alert: AlertInput & { slug?: string };
  provinceName: string | null;
  catalog: Map<string, GuideEntry>;
  /** The card's public address (deployed origin): QR code and caption. Absent in a preview. */
  cardUrl?: string;
  notice?: string;
  tools?: boolean;
}) {
  const guides = alert.guides.map((slug) => catalog.get(slug)).filter((g): g is GuideEntry => g !== undefined);
  return (
    <article class="alert-card">
      <p class="alert-meta">
        <strong>{t.label}</strong> · {t.scopeOf(provinceName)} · {t.validity(formatDate(alert.startsOn), formatDate(alert.endsOn))}
      </p>
      {cardUrl && (
        <figure class="alert-qr">
          {raw(qrSvg(cardUrl, { size: 136, label: t.qrLabel(alert.title) }))}
          <figcaption>
            {t.qrCaption} {cardUrl}
          </figcaption>
        </figure>
      )}
      <h1>{alert.title}</h1>
      {notice && <p class="notice notice-warning">{notice}</p>}
      <div class="guide-content">
        <h2>{t.scamHeading}</h2>
        {paragraphs(alert.scamText).map((line) => (
          <p>{line}</p>
        ))}
        <h2>{t.adviceHeading}</h2>
        <ul>
          {paragraphs(alert.adviceText).map((line) => (
            <li>{line.replace(/^[-•*]\s*/, '')}</li>
          ))}
        </ul>
        {alert.contacts.length > 0 && (
          <>
            <h2>{t.callHeading}</h2>
            <ul class="alert-calls">
              {alert.contacts.map((id) => (
                <li>
                  {t.contacts[id].label}: <a href={`tel:${t.contacts[id].number.replace(/\s+/g, '')}`}>{t.contacts[id].number}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {guides.length > 0 && (
        <>
          <h2>{t.guidesHeading}</h2>
          <ul>
            {guides.map((g) => (
              <li>
                <a href={guideUrl(g.slug)}>{g.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {tools && alert.slug && (
        <p class="alert-tools no-print">
          <button type="button" data-print>
            {t.print}
          </button>
          <a href={`${alertPath(alert.slug)}zalo.txt`}>{t.zaloText}</a>
          <a href={`${alertPath(alert.slug)}loa.txt`}>{t.loudspeakerText}</a>
        </p>
      )}
      {tools && alert.slug && <script>{raw(printButtonScript)}</script>}
    </article>
  );
}
