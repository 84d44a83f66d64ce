import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, test } from '@playwright/test';

// Real Chromium against the real app (wrangler dev: Worker + queue + local D1).
// Every run is a new visitor (one visitor counts once per guide and day, and
// the local database outlives runs): the user agent carries a random build number.
const runId = `${Math.floor(Math.random() * 9000) + 1000}.${Date.now() % 100000}`;
const phoneUserAgent = (n: number) =>
  `Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${runId}${n} Mobile Safari/537.36`;

test.use({ userAgent: phoneUserAgent(1), locale: 'vi-VN' });

interface GuideCounts {
  views: number;
  shareClicks: number;
}

async function firstGuide(request: APIRequestContext): Promise<string> {
  const guides = (await (await request.get('/du-lieu/huong-dan.json')).json()) as { slug: string }[];
  const slug = guides[0]?.slug;
  if (!slug) throw new Error('no published guide');
  return slug;
}

async function countsOf(request: APIRequestContext, slug: string): Promise<GuideCounts> {
  const res = await request.get('/api/usage');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { guides: { slug: string; views: number; shareClicks: number }[] };
  const guide = body.guides.find((g) => g.slug === slug);
  return { views: guide?.views ?? 0, shareClicks: guide?.shareClicks ?? 0 };
}

/** How long counts may take: a queue batch waits up to 5 s (max_batch_timeout), and a busy machine adds seconds. */
const QUEUE_WAIT = { timeout: 20_000, intervals: [250] };
test.describe.configure({ timeout: 60_000 });

/** Polls the public report until the queue consumer has written what is expected. */
async function expectCounts(request: APIRequestContext, slug: string, expected: GuideCounts) {
  await expect.poll(() => countsOf(request, slug), QUEUE_WAIT).toEqual(expected);
}

test('a share link opened in the browser lands on the guide and is counted once', async ({ page, request }) => {
  const slug = await firstGuide(request);
  const before = await countsOf(request, slug);

  const res = await page.goto(`/g/${slug}/KHONGCO1`);
  expect(res?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe(`/huong-dan/${slug}/`);
  await expect(page.locator('h1')).toBeVisible();

  // The same person taps the link again and reloads: still one visitor today.
  await page.goto(`/g/${slug}/KHONGCO1`);
  await page.reload();

  await expectCounts(request, slug, { views: before.views + 1, shareClicks: before.shareClicks + 1 });
  // Give any late (wrongly counted) event time to land, then check again.
  await page.waitForTimeout(2500);
  expect(await countsOf(request, slug)).toEqual({ views: before.views + 1, shareClicks: before.shareClicks + 1 });
});

test('the same link fetched by the Zalo or Facebook link previewer is not counted', async ({ browser, request }) => {
  const slug = await firstGuide(request);
  const before = await countsOf(request, slug);
  const previewers = [
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Zalo',
    'Mozilla/5.0 (compatible; Zalo/1.0; +https://zalo.me)',
  ];
  for (const ua of previewers) {
    const share = await request.get(`/g/${slug}/KHONGCO1`, { headers: { 'user-agent': ua }, maxRedirects: 0 });
    expect(share.status(), ua).toBe(302);
    // Previewers follow the redirect to read the page's Open Graph tags; some pose as browsers.
    const guide = await request.get(`/huong-dan/${slug}/`, {
      headers: { 'user-agent': ua, accept: 'text/html,application/xhtml+xml', 'accept-language': 'vi' },
    });
    expect(guide.status(), ua).toBe(200);
  }

  // A person opening the link afterwards is counted: once it shows, the queue has flushed.
  const person = await browser.newContext({ userAgent: phoneUserAgent(2), locale: 'vi-VN' });
  const page = await person.newPage();
  await page.goto(`/g/${slug}/`);
  await expectCounts(request, slug, { views: before.views + 1, shareClicks: before.shareClicks + 1 });
  await person.close();
});

test('the report page works on a 320 px phone, passes axe, and its chart has a text alternative', async ({ page, request }) => {
  // Make sure there is something to chart: one counted share click by this run's visitor.
  const slug = await firstGuide(request);
  await page.goto(`/g/${slug}/`);
  await page.setViewportSize({ width: 320, height: 640 });
  const res = await page.goto('/thong-ke/');
  expect(res?.status()).toBe(200);
  await expect(page.locator('h1')).toHaveText('Thống kê sử dụng hướng dẫn');
  // The page view chart (the "Hỗ trợ người dân" section has its own, named after people helped).
  const chart = page.getByRole('img', { name: /^Theo tuần/ });
  await expect(chart).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  // The numbers behind the chart, without JavaScript or sight.
  const numbers = chart.locator('xpath=following-sibling::details[1]');
  await numbers.getByText('Xem bảng số liệu theo tuần').click();
  await expect(numbers.locator('table tbody tr').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
  // The CSV link downloads a spreadsheet file.
  const download = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải bảng số liệu/ }).click()]);
  expect(download[0].suggestedFilename()).toMatch(/^thong-ke-toan-quoc-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
});

/** A member of the demo directory (npm start seeds it), found through the public directory API. */
async function seededMember(request: APIRequestContext) {
  const { provinces } = (await (await request.get('/api/provinces')).json()) as {
    provinces: { code: string; coverage: { teams: { total: number } } }[];
  };
  for (const province of provinces.filter((p) => p.coverage.teams.total > 0)) {
    const { communes } = (await (await request.get(`/api/provinces/${province.code}/communes`)).json()) as {
      communes: { code: string; coverage: { teams: { total: number } } }[];
    };
    for (const commune of communes.filter((c) => c.coverage.teams.total > 0)) {
      type Team = { id: number; name: string; members: { code: string }[] };
      const detail = (await (await request.get(`/api/communes/${commune.code}`)).json()) as { teams: Team[]; villages: { teams: Team[] }[] };
      const team = [...detail.teams, ...detail.villages.flatMap((v) => v.teams)].find((t) => t.members.length > 0);
      if (team) return { province: province.code, commune: commune.code, team, code: team.members[0]!.code };
    }
  }
  throw new Error('the demo directory has no team with members (npm run db:seed)');
}

test("a member's share link counts for the member's team (team API, commune report page)", async ({ browser, request }) => {
  // A neighbour who has not opened this guide today (the other tests' visitor has).
  const neighbour = await browser.newContext({ userAgent: phoneUserAgent(3), locale: 'vi-VN' });
  const page = await neighbour.newPage();
  const slug = await firstGuide(request);
  const member = await seededMember(request);
  const teamClicks = async () => {
    const body = (await (await request.get(`/api/usage?team=${member.team.id}`)).json()) as { totals: { shareClicks: number; views: number | null } };
    return body.totals;
  };
  const before = await teamClicks();
  expect(before.views).toBeNull(); // views are national figures only

  await page.goto(`/g/${slug}/${member.code}`);
  expect(new URL(page.url()).pathname).toBe(`/huong-dan/${slug}/`);
  await expect.poll(async () => (await teamClicks()).shareClicks, QUEUE_WAIT).toBe(before.shareClicks + 1);

  const report = await page.goto(`/thong-ke/${member.province}/${member.commune}/`);
  expect(report?.status()).toBe(200);
  // The share-click table by team (the assists section lists teams in a table of its own).
  await expect(page.getByRole('table').filter({ hasText: 'Lượt mở link chia sẻ' }).filter({ hasText: member.team.name })).toBeVisible();
  await neighbour.close();
});
