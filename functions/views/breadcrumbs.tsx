import { raw } from 'hono/html';
import { breadcrumbsHtml, type Crumb } from '../../site/utils/breadcrumbs.ts';

/** The site's breadcrumb trail (site/utils/breadcrumbs.ts) in a Worker page: home is added first. */
export const Breadcrumbs = ({ items = [] }: { items?: Crumb[] }) => raw(breadcrumbsHtml(items));
