import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../functions/assists/entries.ts';
import { addDays } from '../../functions/usage/report.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { memberGet, memberIdOf, memberPost, signIn } from './assists-helpers.ts';

// Y Bhin Niê (team 1: village team of Buôn Ea Kao, Phường Ea Kao); another member of the same team.
const MEMBER = 'K7Q2MZ20';
const TEAMMATE = 'P3X9TA21';
let cookie = '';
let teammate = '';
const today = () => vietnamDay();

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(MEMBER);
  teammate = await signIn(TEAMMATE);
});

async function entries(code: string) {
  const { results } = await env.DB.prepare(
    'SELECT id, task, people, day, village_id AS villageId, team_id AS teamId, commune_code AS communeCode, province_code AS provinceCode, voided_at AS voidedAt FROM assists WHERE member_id = ? ORDER BY id',
  )
    .bind(await memberIdOf(code))
    .all<{
      id: number;
      task: string;
      people: number;
      day: string;
      villageId: number | null;
      teamId: number;
      communeCode: string;
      provinceCode: string;
      voidedAt: number | null;
    }>();
  return results;
}

const record = (form: Record<string, string>, who = cookie) => memberPost('/thanh-vien/ghi-nhan', who, form);

describe('"Ghi nhận hỗ trợ" form', () => {
  it('shows the form: every task, people 1–50, day defaulting to today, villages of the commune, nothing about citizens', async () => {
    const res = await memberGet('/thanh-vien/', cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Ghi nhận hỗ trợ');
    expect(html).toContain('value="vneid-muc-2"');
    expect(html.match(/type="radio" name="task"/g)?.length).toBe(12);
    expect(html).toMatch(/name="people" type="number" inputmode="numeric" min="1" max="50"/);
    expect(html).toContain(`name="day" type="date" min="${addDays(today(), -7)}" max="${today()}"`);
    expect(html).toContain('Buôn Cư Dluê'); // a village of the same commune
    expect(html).not.toContain('Tổ dân phố 1'); // another commune's
    const form = /<form method="post" action="\/thanh-vien\/ghi-nhan"[\s\S]*?<\/form>/.exec(html)![0];
    const names = [...form.matchAll(/<(?:input|select|textarea)[^>]*name="([^"]+)"/g)].map((m) => m[1]);
    // `once`: the one-time form token (issue 16), random, nothing about anyone; outcome: a fixed list (issue 23), no free text.
    expect(new Set(names)).toEqual(new Set(['once', 'task', 'people', 'day', 'village', 'outcome']));
    expect(html).toContain(`href="/cong-cu/${MEMBER}/"`);
  });

  it('records an entry with the team’s place and shows it in the history', async () => {
    const res = await record({ task: 'vneid-muc-2', people: '3', day: today(), village: '4' });
    expect(res.status).toBe(303);
    const [entry] = (await entries(MEMBER)).slice(-1);
    expect(entry).toMatchObject({ task: 'vneid-muc-2', people: 3, day: today(), villageId: 4, teamId: 1, communeCode: '24169', provinceCode: '66' });
    expect(res.headers.get('location')).toBe(`/thanh-vien/?da-ghi=${entry!.id}`);
    const html = await (await memberGet(res.headers.get('location')!, cookie)).text();
    expect(html).toContain('Đã ghi nhận 3 người: Kích hoạt VNeID mức 2.');
    expect(html).toMatch(/Kích hoạt VNeID mức 2 · 3 người · Buôn Cư Dluê/);
  });

  it('defaults the day to today and the village to the team’s own', async () => {
    const res = await record({ task: 'lua-dao', people: '2' });
    expect(res.status).toBe(303);
    expect((await entries(MEMBER)).slice(-1)[0]).toMatchObject({ task: 'lua-dao', day: today(), villageId: 1 });
  });

  it.each<[Record<string, string>, string]>([
    [{ task: 'ten-nguoi-dan', people: '3' }, 'Hãy chọn việc bạn đã hỗ trợ.'],
    [{ people: '3' }, 'Hãy chọn việc bạn đã hỗ trợ.'],
    [{ task: 'vneid-muc-2', people: '0' }, 'Số người phải là số nguyên từ 1 đến 50.'],
    [{ task: 'vneid-muc-2', people: '51' }, 'Số người phải là số nguyên từ 1 đến 50.'],
    [{ task: 'vneid-muc-2', people: '2.5' }, 'Số người phải là số nguyên từ 1 đến 50.'],
    [{ task: 'vneid-muc-2', people: '' }, 'Số người phải là số nguyên từ 1 đến 50.'],
    [{ task: 'vneid-muc-2', people: '3', day: 'DAY-8' }, 'Ngày hỗ trợ phải là hôm nay hoặc trong 7 ngày trước.'],
    [{ task: 'vneid-muc-2', people: '3', day: 'DAY+1' }, 'Ngày hỗ trợ phải là hôm nay hoặc trong 7 ngày trước.'],
    [{ task: 'vneid-muc-2', people: '3', day: '26/11/2026' }, 'Ngày hỗ trợ phải là hôm nay hoặc trong 7 ngày trước.'],
    [{ task: 'vneid-muc-2', people: '3', village: '5' }, 'Thôn, tổ dân phố này không thuộc xã của tổ bạn. Hãy chọn lại.'],
    [{ task: 'vneid-muc-2', people: '3', village: 'abc' }, 'Thôn, tổ dân phố này không thuộc xã của tổ bạn. Hãy chọn lại.'],
  ])('refuses %o with a clear message and writes nothing', async (form, message) => {
    const day = form.day?.startsWith('DAY') ? addDays(today(), Number(form.day.slice(3))) : form.day;
    const before = (await entries(MEMBER)).length;
    const res = await record({ ...form, ...(day ? { day } : {}) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('Chưa ghi nhận được.');
    expect((await entries(MEMBER)).length).toBe(before);
  });

  it('accepts the day exactly 7 days back', async () => {
    expect((await record({ task: 'khac', people: '1', day: addDays(today(), -7) })).status).toBe(303);
  });

  it('caps one task on one day at 50 people per member, with a Vietnamese message', async () => {
    const day = addDays(today(), -2);
    expect((await record({ task: 'vi-dien-tu', people: '30', day })).status).toBe(303);
    expect((await record({ task: 'vi-dien-tu', people: '20', day })).status).toBe(303);
    const over = await record({ task: 'vi-dien-tu', people: '1', day });
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(html).toContain('Mỗi ngày, mỗi việc bạn ghi nhận được tối đa 50 người.');
    expect(html).toContain('bạn đã ghi 50 người cho việc “Mở ví điện tử hoặc Mobile Money”');
    // The cap is per task, per day and per member.
    expect((await record({ task: 'vneid-muc-2', people: '1', day })).status).toBe(303);
    expect((await record({ task: 'vi-dien-tu', people: '1', day: addDays(today(), -3) })).status).toBe(303);
    expect((await record({ task: 'vi-dien-tu', people: '50', day }, teammate)).status).toBe(303);
    const total = (await entries(MEMBER)).filter((e) => e.task === 'vi-dien-tu' && e.day === day).reduce((s, e) => s + e.people, 0);
    expect(total).toBe(50);
  });

  it('tells how many are left when an entry would pass the cap', async () => {
    const day = addDays(today(), -4);
    await record({ task: 'xac-thuc-hai-buoc', people: '45', day });
    const res = await record({ task: 'xac-thuc-hai-buoc', people: '10', day });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('chỉ ghi thêm được tối đa 5 người');
  });

  it('holds the cap when many forms arrive at once', async () => {
    const day = addDays(today(), -5);
    const results = await Promise.all(Array.from({ length: 8 }, () => record({ task: 'cai-ung-dung-an-toan', people: '10', day })));
    expect(results.filter((r) => r.status === 303).length).toBe(5);
    const total = (await entries(MEMBER)).filter((e) => e.task === 'cai-ung-dung-an-toan' && e.day === day).reduce((s, e) => s + e.people, 0);
    expect(total).toBe(50);
  });
});

describe('editing and deleting one’s own entries', () => {
  async function newEntry(form: Record<string, string>) {
    const res = await record(form);
    expect(res.status).toBe(303);
    return Number(new URL(res.headers.get('location')!, 'http://x').searchParams.get('da-ghi'));
  }

  it('edits an entry within 7 days, keeping the cap', async () => {
    const id = await newEntry({ task: 'nop-ho-so-truc-tuyen', people: '4' });
    const page = await memberGet(`/thanh-vien/ghi-nhan/${id}/`, cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/value="nop-ho-so-truc-tuyen" checked/);
    const res = await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'nop-ho-so-truc-tuyen', people: '6', day: today() });
    expect(res.status).toBe(303);
    expect((await entries(MEMBER)).find((e) => e.id === id)?.people).toBe(6);
    const over = await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'nop-ho-so-truc-tuyen', people: '51', day: today() });
    expect(over.status).toBe(400);
    expect((await entries(MEMBER)).find((e) => e.id === id)?.people).toBe(6);
    // The cap counts the day's other entries too: fill the day to 50, then the edit from 6 to 7 is refused.
    const sameDay = (await entries(MEMBER)).filter((e) => e.task === 'nop-ho-so-truc-tuyen' && e.day === today() && e.voidedAt === null);
    await newEntry({ task: 'nop-ho-so-truc-tuyen', people: String(50 - sameDay.reduce((sum, e) => sum + e.people, 0)) });
    const pastCap = await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'nop-ho-so-truc-tuyen', people: '7', day: today() });
    expect(pastCap.status).toBe(400);
    expect(await pastCap.text()).toContain('bạn đã ghi 44 người'); // the day's other entries: 50 − 6
    expect((await entries(MEMBER)).find((e) => e.id === id)?.people).toBe(6);
  });

  it('deletes an entry within 7 days', async () => {
    const id = await newEntry({ task: 'ban-hang-truc-tuyen', people: '2' });
    const res = await memberPost(`/thanh-vien/ghi-nhan/${id}/xoa`, cookie, {});
    expect(res.status).toBe(303);
    expect((await entries(MEMBER)).some((e) => e.id === id)).toBe(false);
  });

  it('refuses to edit or delete after 7 days', async () => {
    const id = await newEntry({ task: 'so-suc-khoe-dien-tu', people: '2' });
    await env.DB.prepare('UPDATE assists SET created_at = ? WHERE id = ?')
      .bind(Date.now() - 8 * 86_400_000, id)
      .run();
    const page = await memberGet(`/thanh-vien/ghi-nhan/${id}/`, cookie);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('không sửa hay xoá được nữa');
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'so-suc-khoe-dien-tu', people: '9', day: today() })).status).toBe(409);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/xoa`, cookie, {})).status).toBe(409);
    expect((await entries(MEMBER)).find((e) => e.id === id)?.people).toBe(2);
    // The history no longer offers to edit it.
    expect(await (await memberGet('/thanh-vien/', cookie)).text()).not.toContain(`/thanh-vien/ghi-nhan/${id}/`);
  });

  it('still edits and deletes an entry made 7 days minus a minute ago (the window is 7 days, not less)', async () => {
    const id = await newEntry({ task: 'so-suc-khoe-dien-tu', people: '1' });
    await env.DB.prepare('UPDATE assists SET created_at = ? WHERE id = ?')
      .bind(Date.now() - 7 * 86_400_000 + 60_000, id)
      .run();
    expect((await memberGet(`/thanh-vien/ghi-nhan/${id}/`, cookie)).status).toBe(200);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/`, cookie, { task: 'so-suc-khoe-dien-tu', people: '3', day: today() })).status).toBe(303);
    expect((await entries(MEMBER)).find((e) => e.id === id)?.people).toBe(3);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/xoa`, cookie, {})).status).toBe(303);
    expect((await entries(MEMBER)).some((e) => e.id === id)).toBe(false);
  });

  it('cannot see, edit or delete another member’s entry', async () => {
    const id = await newEntry({ task: 'dang-nhap-dich-vu-cong', people: '3' });
    expect((await memberGet(`/thanh-vien/ghi-nhan/${id}/`, teammate)).status).toBe(404);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/`, teammate, { task: 'khac', people: '1', day: today() })).status).toBe(404);
    expect((await memberPost(`/thanh-vien/ghi-nhan/${id}/xoa`, teammate, {})).status).toBe(404);
    expect((await entries(MEMBER)).find((e) => e.id === id)).toMatchObject({ task: 'dang-nhap-dich-vu-cong', people: 3 });
  });
});
