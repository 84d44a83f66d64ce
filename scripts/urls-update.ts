// `npm run urls:update`: builds the site and adds every newly published guide
// and "Tra lỗi" URL to content/published-urls.json. It never removes a URL: once a link is
// out in Zalo messages it must keep working (rename = redirect, see CONTENT.md).
import { builtErrorUrls, builtGuideSlugs, readPublishedUrls, withNewGuides, writePublishedUrls } from './lib/published-urls.ts';
import { run } from './run.ts';

if (process.env.SKIP_BUILD !== '1') run('astro', ['build']);
const { urls, added } = withNewGuides(readPublishedUrls(), builtGuideSlugs(), builtErrorUrls());
writePublishedUrls(urls);
console.log(added.length ? `Đã thêm ${added.length} đường dẫn:\n  ${added.join('\n  ')}` : 'Không có đường dẫn mới.');
