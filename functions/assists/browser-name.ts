import { ui } from '../../site/i18n/ui.ts';

const t = ui.memberBrowsers;

/**
 * Which browser a sign-in link was opened in, from the request's User-Agent
 * (read, never stored): chat apps' own browsers first, since a sign-in there
 * stays there (issue 16: members open their link in Zalo, then use Chrome).
 */
export function browserOf(userAgent: string | undefined): { label: string; inApp?: string } | undefined {
  const ua = userAgent ?? '';
  if (/\bZalo/i.test(ua)) return { label: t.zalo, inApp: 'Zalo' };
  if (/\bFBA[NV]\/|\bFB_IAB\b|\bFBIOS\b/.test(ua)) return { label: t.facebook, inApp: 'Facebook' };
  if (/coc_coc_browser/i.test(ua)) return { label: t.named('Cốc Cốc') };
  if (/SamsungBrowser\//.test(ua)) return { label: t.named('Samsung Internet') };
  if (/EdgA?\//.test(ua)) return { label: t.named('Edge') };
  if (/Firefox\/|FxiOS\//.test(ua)) return { label: t.named('Firefox') };
  if (/Chrome\/|CriOS\//.test(ua)) return { label: t.named('Chrome') };
  if (/Safari\//.test(ua) && /iPhone|iPad|Macintosh/.test(ua)) return { label: t.named('Safari') };
  return undefined;
}
