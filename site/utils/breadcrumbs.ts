// The one breadcrumb trail of the site, for Astro pages (components/Breadcrumbs.astro)
// and the Worker's pages (functions/views/) alike: the way back up, as links
// to the pages above only. The current page is the <h1> right below it, so it
// is not repeated.
import { ui } from '../i18n/ui.ts';
import { paths } from './urls.ts';

export interface Crumb {
  href: string;
  label: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The trail's HTML: Trang chủ, then `items` (the pages between home and the current one). */
export function breadcrumbsHtml(items: Crumb[] = []): string {
  const trail = [{ href: paths.home, label: ui.breadcrumbs.home }, ...items];
  const links = trail.map(({ href, label }) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`);
  return `<nav class="breadcrumbs" aria-label="${escapeHtml(ui.breadcrumbs.label)}"><ol>${links.join('')}</ol></nav>`;
}
