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

export const WORKER_INLINE_STYLES = [toolkitCss, trendCss, allowanceCss];
export const WORKER_INLINE_SCRIPTS = [printButtonScript];
