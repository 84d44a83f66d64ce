// URL shapes of the site, shared by pages, the build checks and scripts. A guide's
// id is its file name in content/guides without ".mdx", and that id is its URL slug.

/** What a guide file name (= URL slug) may look like: lowercase ASCII words joined by "-". */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const guideUrl = (slug: string) => `/huong-dan/${slug}/`;
export const topicUrl = (topicId: string) => `/chu-de/${topicId}/`;
export const journeyUrl = (slug: string) => `/lo-trinh/${slug}/`;
export const errorUrl = (slug: string) => `/tra-loi/${slug}/`;

export const paths = {
  home: '/',
  topics: '/chu-de/',
  journeys: '/lo-trinh/',
  about: '/gioi-thieu/',
  search: '/tim-kiem/',
  teams: '/to-cong-nghe-so/',
  skills: '/ky-nang-so/',
  errors: '/tra-loi/',
} as const;

/** The learning platform of "Bình dân học vụ số" (QĐ 757/QĐ-BKHCN skills are learnt and confirmed there). */
export const skillsPlatformUrl = 'https://binhdanhocvuso.gov.vn/';

/** The slug in a guide URL path (/huong-dan/<slug>/…), or null for any other path. */
export function guideSlugFromPath(path: string): string | null {
  const match = /^\/huong-dan\/([^/]+)/.exec(path);
  return match?.[1] ?? null;
}

/**
 * The inline style of a guide page's printed handout QR (components/ShareBar.astro):
 * the QR image is a CSS value used only by the print stylesheet, so a screen
 * view never fetches it. The Worker allows exactly this attribute in the
 * guide page's Content-Security-Policy, by hash.
 */
export const handoutQrStyle = (slug: string) => `--qr:url(/cong-cu/qr/${slug}.svg)`;
