// OWNER: search (issue 3). The search results' CSS, injected as a <style> by
// search-ui.ts when results first show. Its own module so the build can allow
// it by hash in the Content-Security-Policy (site/integrations/security-headers.ts).
// Results only exist with JavaScript, so their styles travel with the script
// instead of weighing on every page's CSS.
export const SEARCH_STYLES = `
.search-box{position:relative}
.search-box-panel{position:absolute;left:0;right:0;top:100%;z-index:30;margin-top:.25rem;background:var(--bg,#fff);color:var(--text,#1b1b1b);border:1px solid var(--border,#b9c0c8);border-radius:var(--radius,.5rem);padding:.25rem .9rem .75rem;box-shadow:0 6px 20px rgba(0,0,0,.25);max-height:75vh;overflow:auto}
.search-box-panel a,.search-box-panel a:visited{color:var(--link,#0b4f8a)}
.search-box-status{margin:.5rem 0;font-size:.95rem}
.search-results,.search-errors{list-style:none;padding:0;margin:0}
.search-result{padding:.65rem 0;border-top:1px solid var(--border,#b9c0c8)}
.search-result-title{font-weight:700;font-size:1.05rem}
.search-result-excerpt{margin:.3rem 0;line-height:1.5}
.search-result-topic{margin:0;font-size:.9rem;color:var(--muted,#4b5158)}
.search-result mark{background:#ffe46b;color:inherit;padding:0 .1em;border-radius:2px}
.search-box-all{display:block;margin-top:.5rem}
.search-more{margin-top:.75rem}
`;
