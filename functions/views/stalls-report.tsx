// "Bản đồ điểm nghẽn" (issue 23): the reasons help stalled, as a table, a
// weekly stacked chart (the reports' TrendChart) and a table per commune.
import { raw } from 'hono/html';
import { ui } from '../../site/i18n/ui.ts';
import { formatNumber } from '../../site/utils/format.ts';
import { type StallReasonId, stallReasons } from '../assists/outcomes.ts';
import type { StallReport, StallWeek } from '../assists/stalls.ts';
import { TrendChart, type TrendSeries } from './trend-chart.tsx';

export function StallsSection({ report }: { report: StallReport }) {
  const s = ui.stalls;
  const series: TrendSeries<StallWeek>[] = stallReasons.map((r) => ({ label: r.label, color: r.color, value: (w) => w.people[r.id] }));
  const used = report.reasons.filter((r) => r.people > 0);
  return (
    <>
      <p>{s.totals(formatNumber(report.done), formatNumber(report.stalled))}</p>
      {report.stalled === 0 ? (
        <p>{s.noData}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table-stack">
              <thead>
                <tr>
                  <th scope="col">{s.reasonColumn}</th>
                  <th scope="col">{s.ownerColumn}</th>
                  <th scope="col" class="number">
                    {s.peopleColumn}
                  </th>
                  <th scope="col" class="number">
                    {s.entriesColumn}
                  </th>
                </tr>
              </thead>
              <tbody>
                {used.map((r) => (
                  <tr>
                    <td>{r.label}</td>
                    <td data-label={s.ownerColumn}>{r.owner}</td>
                    <td class="number" data-label={s.peopleColumn}>
                      {formatNumber(r.people)}
                    </td>
                    <td class="number" data-label={s.entriesColumn}>
                      {formatNumber(r.entries)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{s.weeklyHeading}</h2>
          {raw(
            (
              <TrendChart
                id="diem-nghen-theo-tuan"
                weeks={report.weeks}
                series={series}
                from={report.period.from}
                to={report.period.to}
                title={s.weeklyHeading}
                describe={s.weeklyDescription}
                stacked
              />
            ).toString(),
          )}
          {report.places && report.places.length > 0 && (
            <>
              <h2>{s.byPlaceHeading}</h2>
              <div class="table-wrap">
                <table class="table-stack">
                  <thead>
                    <tr>
                      <th scope="col">{ui.assists.placeColumn}</th>
                      <th scope="col">{s.reasonColumn}</th>
                      <th scope="col" class="number">
                        {s.peopleColumn}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.places.map((p) => (
                      <tr>
                        <td>{p.name}</td>
                        <td data-label={s.reasonColumn}>
                          {stallReasons
                            .filter((r) => p.people[r.id] > 0)
                            .map((r) => `${r.label}: ${formatNumber(p.people[r.id as StallReasonId])}`)
                            .join('; ')}
                        </td>
                        <td class="number" data-label={s.peopleColumn}>
                          {formatNumber(p.total)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
