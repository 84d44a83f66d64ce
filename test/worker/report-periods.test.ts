import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { taskIds } from '../../functions/assists/tasks.ts';
import { memberPost, signIn } from './assists-helpers.ts';
import { EARLIEST_REPORT_DAY, latestReportDay, mondaysOf, resolvePeriod } from '../../functions/usage/report.ts';
import { utcDay } from '../../functions/usage/visitor.ts';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { formatDate } from '../../site/utils/format.ts';
import { ui } from '../../site/i18n/ui.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { signedIn } from './admin-helpers.ts';

// Issue 21, point 1: `?to=9999-12-31` looped until the runtime ran out of
// memory (days compared as strings never reached year 10000). Every report
// period is now bounded: days within a window, at most a year, compared as
// days; the weekly loop cannot run past a report's longest period.

const outOfWindow = ui.badInput.periodOutOfRange(formatDate(EARLIEST_REPORT_DAY), formatDate(latestReportDay()));
/** What members recorded goes by Vietnam's calendar (UTC+7): its reports' window ends a year after Vietnam's today. */
const outOfWindowVietnam = ui.badInput.periodOutOfRange(formatDate(EARLIEST_REPORT_DAY), formatDate(latestReportDay(vietnamDay())));
const hostile = [
  'to=9999-12-31',
  'from=9999-12-20',
  'from=9999-12-01&to=9999-12-31',
  'from=0001-01-01&to=0001-12-31',
  'to=1900-01-01',
  'from=2019-12-31&to=2020-01-10',
];

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
});

describe('report periods are bounded', () => {
  it.each([
    ['/api/usage', outOfWindow],
    ['/api/assists', outOfWindowVietnam],
  ])('%s answers a 400 JSON error for days outside the window', async (path, message) => {
    for (const query of hostile) {
      const res = await SELF.fetch(`http://localhost${path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_parameter', message } });
    }
  });

  it.each(['/thong-ke/', '/thong-ke/66/', '/thong-ke/66/24169/'])('%s answers a 400 page in Vietnamese', async (path) => {
    for (const query of hostile) {
      const res = await SELF.fetch(`http://localhost${path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text()).toContain(outOfWindowVietnam);
    }
  });

  it("an official's assists report answers 400 too", async () => {
    const { browser } = await signedIn({ username: 'ky.bao.cao', role: 'province', provinceCode: '66' });
    for (const query of hostile) {
      const res = await browser.get(`/quan-tri/ho-tro/?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text()).toContain(outOfWindowVietnam);
    }
  });

  it('still reports any period inside the window, up to a year ahead', async () => {
    const ahead = latestReportDay();
    for (const query of [`from=${EARLIEST_REPORT_DAY}&to=2020-12-31`, `to=${ahead}`, 'from=2026-03-01&to=2026-03-31']) {
      expect((await SELF.fetch(`http://localhost/api/usage?${query}`)).status, query).toBe(200);
      expect((await SELF.fetch(`http://localhost/thong-ke/?${query}`)).status, query).toBe(200);
    }
  });

  it('compares days as days and counts weeks without a loop on input', () => {
    expect(() => resolvePeriod({ to: '9999-12-31' })).toThrow(outOfWindow);
    expect(resolvePeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(() => resolvePeriod({ from: '2026-04-01', to: '2026-03-31' })).toThrow(ui.api.periodOrder);
    expect(mondaysOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    // Not reachable through resolvePeriod any more, yet the weekly count ends (compared as strings, it never did).
    expect(mondaysOf({ from: '9999-12-20', to: '9999-12-31' })).toHaveLength(2);
    expect(() => mondaysOf({ from: '2020-01-01', to: '2026-01-01' })).toThrow(RangeError);
    expect(utcDay() <= latestReportDay()).toBe(true);
  });
});

describe("what members recorded is reported on Vietnam's calendar", () => {
  it('help recorded after midnight in Vietnam, still the day before in UTC, is in the default period of /api/assists and of the report page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-05-10T18:30:00Z')); // 01:30 on 11 May in Vietnam
      const cookie = await signIn('K7Q2MZ20');
      expect((await memberPost('/thanh-vien/ghi-nhan', cookie, { task: taskIds[0]!, people: '4' })).status).toBe(303);
      const api = await SELF.fetch('http://localhost/api/assists?commune=24169', { headers: { 'cf-connecting-ip': '198.51.100.77' } });
      expect(api.status).toBe(200);
      expect((await api.json<{ total: number }>()).total).toBe(4);
      const page = await (await SELF.fetch('http://localhost/thong-ke/66/24169/', { headers: { 'cf-connecting-ip': '198.51.100.78' } })).text();
      expect(page).toContain('11/05/2026');
    } finally {
      vi.useRealTimers();
    }
  });
});
