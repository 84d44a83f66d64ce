// `npm run bench` section for issue 23 (citizens confirm the help they got):
// the time from a citizen's scan (opening /xac-nhan/<code>/) to the thanks
// page after pressing "Đúng, tôi đã được hỗ trợ", on a throttled phone
// (Chromium with CDP network and CPU throttling, the profile of
// scripts/bench-search.ts). Each run is another citizen: a fresh browser
// context with its own user agent, so its own visitor hash.
//
//   node scripts/bench-confirmations.ts [--runs 5]
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { devices } from '@playwright/test';
import { withDirectoryDb } from './lib/d1.ts';
import { ensureOfficialUnits } from '../functions/directory/units/write-units.ts';
import { confirmationPath, makeConfirmationCode } from '../functions/assists/confirmations.ts';
import { vietnamDay } from '../functions/assists/entries.ts';
import { DAILY_CAP } from '../functions/assists/tasks.ts';
import { ui } from '../site/i18n/ui.ts';
import { launchChromium, PHONE_PROFILE, throttleLikeAPhone } from './bench-search.ts';
import { freshLocalD1 } from './lib/local-d1.ts';
import { startLocalWorker } from './lib/local-worker.ts';

/** One team, one member, one entry of DAILY_CAP people with its code: room for every run's citizen. */
async function entryWithCode(d1: D1Database): Promise<string> {
  await ensureOfficialUnits(d1);
  const commune = await d1.prepare('SELECT code, province_code AS p FROM communes ORDER BY code LIMIT 1').first<{ code: string; p: string }>();
  const team = await d1
    .prepare(
      `INSERT INTO teams (level, name, name_folded, province_code, commune_code, place_key)
       VALUES ('commune', 'Tổ công nghệ số cộng đồng (đo thử)', 'to cong nghe so cong dong (do thu)', ?, ?, ?) RETURNING id`,
    )
    .bind(commune!.p, commune!.code, `c:${commune!.code}`)
    .first<{ id: number }>();
  const member = await d1
    .prepare(
      `INSERT INTO members (code, team_id, full_name, name_folded, role) VALUES ('BENCH023', ?, 'Thành viên đo thử', 'thanh vien do thu', 'to_truong') RETURNING id`,
    )
    .bind(team!.id)
    .first<{ id: number }>();
  const now = Date.now();
  const entry = await d1
    .prepare(
      `INSERT INTO assists (member_id, team_id, province_code, commune_code, task, people, day, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'vneid-muc-2', ?, ?, ?, ?) RETURNING id`,
    )
    .bind(member!.id, team!.id, commune!.p, commune!.code, DAILY_CAP, vietnamDay(now), now, now)
    .first<{ id: number }>();
  if (!(await makeConfirmationCode(d1, member!.id, entry!.id, now))) throw new Error('no confirmation code');
  const code = await d1.prepare('SELECT code FROM assist_confirmation_codes WHERE assist_id = ?').bind(entry!.id).first<{ code: string }>();
  return code!.code;
}

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

export async function confirmationsBenchSection(options: { runs?: number } = {}): Promise<void> {
  const runs = options.runs ?? 5;
  const persistTo = await freshLocalD1('bench-confirmations-');
  try {
    const code = await withDirectoryDb({ remote: false, persistTo }, ({ d1 }) => entryWithCode(d1));
    const worker = await startLocalWorker({ port: process.env.BENCH_PORT ?? '8803', persistTo });
    const browser = await launchChromium();
    try {
      const url = `${worker.baseUrl}${confirmationPath(code)}`;
      const open: number[] = [];
      const press: number[] = [];
      const total: number[] = [];
      for (let i = 0; i < runs; i++) {
        const phone = devices['Pixel 7'];
        const context = await browser.newContext({
          ...phone,
          viewport: { width: 360, height: 740 },
          locale: 'vi-VN',
          userAgent: phone.userAgent.replace(/Chrome\/[\d.]+/, `Chrome/131.0.${Date.now() % 10_000}.${i}`),
        });
        const page = await context.newPage();
        await throttleLikeAPhone(page);
        const scanned = performance.now();
        await page.goto(url, { waitUntil: 'load' });
        const shown = performance.now();
        await page.getByRole('button', { name: ui.confirm.button }).click();
        await page.getByRole('heading', { level: 1, name: ui.confirm.thanksTitle }).waitFor({ timeout: 60_000 });
        const done = performance.now();
        open.push(shown - scanned);
        press.push(done - shown);
        total.push(done - scanned);
        await context.close();
      }
      const html = await (await fetch(url, { headers: { 'user-agent': 'bench', accept: 'text/html' } })).text();
      console.log(
        `Throttled phone (${PHONE_PROFILE.latencyMs} ms RTT, ${PHONE_PROFILE.downloadKbps} kbps down, CPU ×${PHONE_PROFILE.cpuSlowdown}), median of ${runs} citizens: ` +
          `scan → "${ui.confirm.title}" shown ${median(open)} ms; press "${ui.confirm.button}" → thanks shown ${median(press)} ms; ` +
          `scan → confirmed ${median(total)} ms (without the citizen's reading time). Page HTML ${(gzipSync(html, { level: 9 }).length / 1024).toFixed(1)} KB gzip, no JavaScript of its own.`,
      );
    } finally {
      await browser.close();
      worker.stop();
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  await confirmationsBenchSection({ runs: values.runs ? Number(values.runs) : undefined });
}
