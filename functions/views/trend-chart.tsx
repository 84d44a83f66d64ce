import { ui } from '../../site/i18n/ui.ts';
import type { WeekUsage } from '../usage/report.ts';
import { formatDate, formatNumber } from '../../site/utils/format.ts';
import { raw } from 'hono/html';
import { trendCss } from './inline-assets.ts';

export interface TrendSeries<W extends { week: string } = WeekUsage> {
  label: string;
  color: string;
  value: (w: W) => number;
}

// Drawn for a phone: a 360-unit-wide chart shows its 12 px labels at about 12 px on a 360 px screen.
const WIDTH = 360;
const HEIGHT = 200;
const PAD = { left: 40, right: 4, top: 10, bottom: 26 };

/** A round axis maximum ≥ max: 1, 2, 5 × 10ⁿ. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Weekly trend as an inline SVG bar chart rendered on the server (no script,
 * no chart library): an image with a title and a description for screen
 * readers, a colour legend in text, and the same numbers as a table below.
 * `stacked` draws one bar per week with a segment per series (many series).
 */
export function TrendChart<W extends { week: string } = WeekUsage>({
  id,
  weeks,
  series,
  from,
  to,
  title = ui.usage.trendHeading,
  describe = ui.usage.trendDescription,
  stacked = false,
}: {
  id: string;
  weeks: W[];
  series: TrendSeries<W>[];
  from: string;
  to: string;
  title?: string;
  /** With {from}, {to} and {max} to fill in. */
  describe?: string;
  stacked?: boolean;
}) {
  const stackOf = (w: W) => series.reduce((sum, s) => sum + s.value(w), 0);
  const max = Math.max(0, ...weeks.flatMap((w) => (stacked ? [stackOf(w)] : series.map((s) => s.value(w)))));
  const top = niceMax(max);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const group = plotW / Math.max(1, weeks.length);
  const bar = stacked ? group * 0.8 : (group * 0.8) / series.length;
  const labelEvery = Math.ceil(weeks.length / 5);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const description = describe.replace('{from}', formatDate(from)).replace('{to}', formatDate(to)).replace('{max}', formatNumber(max));

  return (
    <figure class="usage-trend">
      <style>{raw(trendCss)}</style>
      <ul class="usage-legend">
        {series.map((s) => (
          <li>
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" fill={s.color} />
            </svg>{' '}
            {s.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, top / 2, top].map((v) => (
          <g>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#c8c8c8" stroke-width="1" />
            <text x={PAD.left - 4} y={y(v) + 4} text-anchor="end" font-size="12" fill="currentColor">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => {
          // One tooltip per week, not per segment (a year's stacked chart has 53 × 7): every series of a
          // grouped chart; the drawn (non-zero) segments of a stacked one, none for an empty week.
          const shown = series.filter((s) => !stacked || s.value(w) > 0);
          return (
            <g>
              {shown.length > 0 && <title>{`${formatDate(w.week)}: ${shown.map((s) => `${s.label} ${formatNumber(s.value(w))}`).join('; ')}`}</title>}
              {series.map((s, j) => {
                const v = s.value(w);
                // Stacked: this segment sits on the series before it.
                const below = stacked ? series.slice(0, j).reduce((sum, b) => sum + b.value(w), 0) : 0;
                if (stacked && v === 0) return null;
                return (
                  <rect
                    x={(PAD.left + i * group + group * 0.1 + (stacked ? 0 : j * bar)).toFixed(1)}
                    y={y(below + v).toFixed(1)}
                    width={Math.max(1, bar - 1).toFixed(1)}
                    height={(y(below) - y(below + v)).toFixed(1)}
                    fill={s.color}
                  />
                );
              })}
              {i % labelEvery === 0 ? (
                <text x={(PAD.left + i * group + group / 2).toFixed(1)} y={HEIGHT - PAD.bottom + 17} text-anchor="middle" font-size="12" fill="currentColor">
                  {formatDate(w.week).slice(0, 5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{ui.usage.trendTable}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ui.usage.weekColumn}</th>
                {series.map((s) => (
                  <th scope="col" class="number">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr>
                  <th scope="row">{formatDate(w.week)}</th>
                  {series.map((s) => (
                    <td class="number">{formatNumber(s.value(w))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
