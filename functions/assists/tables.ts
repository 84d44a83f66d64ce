import { ui } from '../../site/i18n/ui.ts';
import type { Sheet } from '../sheets/xlsx.ts';
import type { AssistReport, SeriesKey } from './report.ts';
import { seriesKeys } from './report.ts';
import { indicatorById, taskById } from './tasks.ts';

const a = ui.assists;
const confirmedColumn = ui.confirm.confirmedColumn;

export function seriesLabel(key: SeriesKey): string {
  return key === 'khac' ? a.otherIndicator : (indicatorById.get(key)?.label ?? key);
}

/**
 * The "Hỗ trợ người dân" section as tables: the CSV is the first one, the
 * XLSX has them all (one sheet each). `place` names the report's scope.
 */
export function assistSheets(report: AssistReport, place: string): Sheet[] {
  const { from, to } = report.period;
  // Filtered to confirmed help, the people column says so (and equals the confirmed one).
  const peopleHeader = report.confirmedOnly ? `Người được hỗ trợ (${ui.confirm.filterLabel.toLowerCase()})` : 'Người được hỗ trợ (thành viên tự ghi nhận)';
  const sheets: Sheet[] = [
    {
      name: 'Theo việc',
      rows: [
        ['Mã việc', 'Việc', 'Chỉ tiêu', peopleHeader, confirmedColumn, 'Địa bàn', 'Từ ngày', 'Đến ngày'],
        ...report.tasks.map((t) => {
          const indicator = taskById.get(t.id)?.indicator;
          return [t.id, t.label, indicator ? seriesLabel(indicator) : a.otherIndicator, t.people, t.confirmed, place, from, to];
        }),
        ['', 'Tổng cộng', '', report.total, report.confirmed, place, from, to],
      ],
    },
    {
      name: 'Theo tuần',
      rows: [
        [ui.usage.weekColumn, ...seriesKeys.map(seriesLabel), 'Tổng'],
        ...report.weeks.map((w) => [w.week, ...seriesKeys.map((k) => w.people[k]), seriesKeys.reduce((s, k) => s + w.people[k], 0)]),
      ],
    },
  ];
  if (report.places) {
    sheets.push({
      name: 'Theo địa bàn',
      rows: [[a.placeColumn, a.peopleColumn, confirmedColumn], ...report.places.map((p) => [p.name || a.noPlace, p.people, p.confirmed])],
    });
  }
  if (report.teams) {
    sheets.push({
      name: 'Theo tổ',
      rows: [[a.teamColumn, a.placeColumn, a.peopleColumn, confirmedColumn], ...report.teams.map((t) => [t.name, t.place, t.people, t.confirmed])],
    });
  }
  if (report.members) {
    sheets.push({
      name: 'Theo thành viên',
      rows: [[a.memberColumn, a.teamColumn, a.peopleColumn, confirmedColumn], ...report.members.map((m) => [m.name, m.team, m.people, m.confirmed])],
    });
  }
  sheets.push({
    name: 'Chỉ tiêu',
    rows: [
      [a.indicatorColumn, a.targetColumn, 'Mẫu số (dân số)', `${a.progressColumn} (đến ${to})`],
      ...report.targets.map((t) => [t.label, t.target, t.denominator, t.progress]),
    ],
  });
  return sheets;
}
