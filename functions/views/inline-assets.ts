// The only CSS and script the Worker's pages inline themselves (everything
// else comes from the site's shell). They are listed here so the
// Content-Security-Policy (functions/middleware/security-headers.ts) can allow
// exactly these by hash: change one and its hash follows.

/** The member toolkit's own layout. */
export const toolkitCss = `
.toolkit-form input{max-width:14rem}
.toolkit-guides{list-style:none;padding:0;display:grid;gap:1rem}
.toolkit-guide{display:flex;gap:1rem;align-items:flex-start;break-inside:avoid}
.toolkit-guide svg{flex:none;width:132px;height:132px}
.toolkit-guide code{overflow-wrap:anywhere}
@media print{.toolkit-guide svg{width:32mm;height:32mm}}
`;

/** The usage reports' trend chart and its legend. */
export const trendCss = `
.usage-trend{margin:0}
.usage-legend{list-style:none;padding:0;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.usage-trend>svg{max-width:100%;height:auto}
`;

/** The toolkit's "print" button (no inline onclick: the CSP allows no inline handlers). */
export const printButtonScript = `document.querySelector('[data-print]')?.addEventListener('click',()=>print())`;

/**
 * Copy buttons (two-step set-up key, a member's new sign-in link): a
 * <button data-copy="id" hidden> shows once this runs and copies the text of
 * the element with that id; without JavaScript the text stays there to select.
 * A <button data-share-url="…" hidden> shows where the phone can share (Web Share API).
 */
export const copyButtonScript = `for(const b of document.querySelectorAll('[data-share-url]'))if(navigator.share){b.hidden=false;b.addEventListener('click',()=>navigator.share({url:b.dataset.shareUrl}).catch(()=>{}))}for(const b of document.querySelectorAll('[data-copy]')){b.hidden=false;b.addEventListener('click',async()=>{const t=document.getElementById(b.dataset.copy)?.textContent?.replace(/\\s+/g,b.dataset.copySpaces===undefined?'':' ').trim()??'';try{await navigator.clipboard.writeText(t);b.textContent=b.dataset.copied}catch{b.textContent=b.dataset.copyFailed}})}`;

export const WORKER_INLINE_STYLES = [toolkitCss, trendCss];
export const WORKER_INLINE_SCRIPTS = [printButtonScript, copyButtonScript];
