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

/** The confirmation code a member shows (issue 23): big enough to read out and type. */
export const confirmCss = `
.confirm-qr svg{display:block;max-width:100%;height:auto}
.confirm-code{font-size:2rem;letter-spacing:.15em;font-family:monospace;margin:.5rem 0}
`;

/** Shifts and sessions (issue 17): the commune page's block and the A4 poster, which prints on one page. */
export const rosterCss = `
.duties{list-style:none;padding:0;margin:0 0 1rem}
.duties>li{border-top:1px solid #d0d5da;padding:.5rem 0;break-inside:avoid}
.duty-cancelled>strong{text-decoration:line-through}
.duty-status{font-weight:700;color:#8a1c1c}
.duty-now{background:#fff3bf;padding:0 .25rem}
.schedule-links{padding-left:1.25rem}
.poster-day h2{font-size:1.1rem;margin:1rem 0 .25rem}
.poster-day ul{padding-left:1.25rem;margin:0}
.poster-qr{margin:1rem 0;display:flex;gap:1rem;align-items:center}
.poster-qr svg{flex:none;width:180px;height:180px}
@media print{html:has(.poster){font-size:12pt}.poster h1{font-size:26pt;margin:0}.poster .lead{font-size:16pt;margin:0}.poster-days{columns:2;column-gap:8mm}.poster-day{break-inside:avoid}.poster-day h2{font-size:13pt;margin:.3rem 0 .1rem}.poster-day li{margin:0 0 .15rem}.poster-qr{break-inside:avoid;margin:.5rem 0 0}.poster-qr svg{width:45mm;height:45mm}body:has(.poster) .site-footer{display:none!important}}
`;

/**
 * The allowance sheet (issue 23): on A4, one commune per page, the table
 * ruled like an accountant's form, signature lines at the foot.
 */
export const allowanceCss = `
.allowance-signatures{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem;text-align:center;margin:1.5rem 0 4rem;break-inside:avoid}
.honesty-list li ul{margin:.25rem 0}
@media print{
@page{size:A4 landscape;margin:10mm}
html{font-size:11pt}
.no-print{display:none!important}
.allowance-sheet+.allowance-sheet{break-before:page}
.allowance-table th,.allowance-table td{border:1px solid #000;padding:2pt 4pt}
.allowance-table thead th{background:none}
.allowance-signatures{margin-bottom:0;padding-bottom:30mm}
}
`;

/** The toolkit's "print" button (no inline onclick: the CSP allows no inline handlers). */
export const printButtonScript = `document.querySelector('[data-print]')?.addEventListener('click',()=>print())`;

/** A scam alert card (issue 18): the red edge, the numbers to call, and the QR code that only prints. */
export const alertCss = `
.alert-card{border-left:.4rem solid #a1221b;padding-left:1rem}
.alert-meta{color:var(--muted);margin:0}
.alert-calls a{font-weight:700;font-size:1.2rem}
.alert-tools{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.alert-qr{display:none}
.alert-mark fieldset{border:0;padding:0;margin:0 0 1rem}
.alert-mark legend{font-weight:600}
.alert-mark label:has(input[type=radio]){display:flex;align-items:center;gap:.5rem;min-height:44px;font-weight:400}
.alert-mark input[type=radio]{min-height:0;width:1.25rem;height:1.25rem;flex:none}
.alert-mark input[type=number]{width:7rem}
@media print{.alert-card{border:0;padding:0}.alert-qr{display:block;float:right;width:36mm;margin:0 0 2mm 5mm;break-inside:avoid}.alert-qr svg{width:36mm;height:36mm}.alert-qr figcaption{overflow-wrap:anywhere;line-height:1.2}}
`;

/**
 * Copy buttons (two-step set-up key, a member's new sign-in link): a
 * <button data-copy="id" hidden> shows once this runs and copies the text of
 * the element with that id; without JavaScript the text stays there to select.
 * A <button data-share-url="…" hidden> shows where the phone can share (Web Share API).
 */
export const copyButtonScript = `for(const b of document.querySelectorAll('[data-share-url]'))if(navigator.share){b.hidden=false;b.addEventListener('click',()=>navigator.share({url:b.dataset.shareUrl}).catch(()=>{}))}for(const b of document.querySelectorAll('[data-copy]')){b.hidden=false;b.addEventListener('click',async()=>{const t=document.getElementById(b.dataset.copy)?.textContent?.replace(/\\s+/g,b.dataset.copySpaces===undefined?'':' ').trim()??'';try{await navigator.clipboard.writeText(t);b.textContent=b.dataset.copied}catch{b.textContent=b.dataset.copyFailed}})}`;

export const WORKER_INLINE_STYLES = [toolkitCss, trendCss, confirmCss, alertCss, rosterCss, allowanceCss];
export const WORKER_INLINE_SCRIPTS = [printButtonScript, copyButtonScript];
