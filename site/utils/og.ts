/** Size of a link preview image (Zalo, Facebook, X "summary_large_image"). */
export const OG_IMAGE_WIDTH = 1200;
export const OG_IMAGE_HEIGHT = 630;

/** Where the preview image of a guide is served: drawn on first request at the edge (functions/og-images/). */
export const ogImagePath = (slug: string) => `/og/${slug}.png`;

/** The preview image of every scam alert card (issue 18), served like the guides' images. */
export const ALERT_OG_SLUG = 'canh-bao-lua-dao';
