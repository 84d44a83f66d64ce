// The allowance sheet (issue 23) as printed on A4: a commune's table and
// the signature lines; its print layout is allowanceCss (inline-assets.ts).
import { ui } from '../../site/i18n/ui.ts';
import { formatNumber } from '../../site/utils/format.ts';
import type { AllowanceSheet } from '../assists/activity.ts';

const money = (n: number | null) => (n === null ? '' : formatNumber(n));

/** One commune's table: a row per current member, the teams' monthly amounts, the totals. */
export function AllowanceTable({ sheet, withAmount }: { sheet: AllowanceSheet; withAmount: boolean }) {
  const a = ui.allowance;
  return (
    <div class="table-wrap">
      <table class="table-stack allowance-table">
        <thead>
          <tr>
            <th scope="col">{a.noColumn}</th>
            <th scope="col">{a.memberColumn}</th>
            <th scope="col">{a.teamColumn}</th>
            <th scope="col">{a.datesColumn}</th>
            <th scope="col" class="number">
              {a.daysColumn}
            </th>
            <th scope="col" class="number">
              {a.peopleColumn}
            </th>
            <th scope="col" class="number">
              {a.confirmedColumn}
            </th>
            {withAmount && (
              <th scope="col" class="number">
                {a.amountColumn}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((r, i) => (
            <tr>
              <td data-label={a.noColumn}>{i + 1}</td>
              <td>
                <strong>{r.name}</strong>
              </td>
              <td data-label={a.teamColumn}>{r.team}</td>
              <td data-label={a.datesColumn}>{r.days.join(', ')}</td>
              <td class="number" data-label={a.daysColumn}>
                {r.days.length}
              </td>
              <td class="number" data-label={a.peopleColumn}>
                {formatNumber(r.people)}
              </td>
              <td class="number" data-label={a.confirmedColumn}>
                {formatNumber(r.confirmed)}
              </td>
              {withAmount && (
                <td class="number" data-label={a.amountColumn}>
                  {money(r.amount)}
                </td>
              )}
            </tr>
          ))}
          {withAmount &&
            sheet.teams
              .filter((t) => t.amount !== null)
              .map((t) => (
                <tr>
                  <td data-label={a.noColumn}></td>
                  <td colspan={6}>{a.teamAmountRow(t.name)}</td>
                  <td class="number" data-label={a.amountColumn}>
                    {money(t.amount)}
                  </td>
                </tr>
              ))}
          <tr class="allowance-total">
            <td data-label={a.noColumn}></td>
            <td colspan={3}>
              <strong>{a.totalRow}</strong>
            </td>
            <td class="number" data-label={a.daysColumn}>
              {sheet.totals.days}
            </td>
            <td class="number" data-label={a.peopleColumn}>
              {formatNumber(sheet.totals.people)}
            </td>
            <td class="number" data-label={a.confirmedColumn}>
              {formatNumber(sheet.totals.confirmed)}
            </td>
            {withAmount && (
              <td class="number" data-label={a.amountColumn}>
                <strong>{money(sheet.totals.amount)}</strong>
              </td>
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Signature lines at the foot of each commune's page. */
export function AllowanceSignatures() {
  const a = ui.allowance;
  return (
    <div class="allowance-signatures">
      {[a.signMaker, a.signAccountant, a.signChair].map((role) => (
        <div>
          <strong>{role}</strong>
          <br />
          <span>{a.signHint}</span>
        </div>
      ))}
    </div>
  );
}
