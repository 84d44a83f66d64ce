// The web upload on a 10,000-row list: time to preview (upload, parse,
// validate against the official units and the scope, plan, stage) and to apply
// (confirm: one D1 batch), through the real Worker in local `wrangler dev`
// (port 8801) on a fresh local D1, signed in as a national admin with the
// real sign-in form and second step. Run alone: `node scripts/bench-admin-import.ts [--rows 10000]`.
import type { ImportKind } from '../functions/directory/import/changes.ts';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { withDirectoryDb } from './lib/d1.ts';
import { generateDirectoryRows } from '../functions/directory/sheet/generate.ts';
import { readOfficialUnits } from '../functions/directory/units/official-units.ts';
import { toCsv } from '../functions/directory/sheet/sheet-bytes.ts';
import { ensureOfficialUnits } from '../functions/directory/units/write-units.ts';
import { demoPassword, demoTotpKey, seedDemoOfficials } from '../db/seeds/demo-officials.ts';
import { freshLocalD1 } from './lib/local-d1.ts';
import { startLocalWorker } from './lib/local-worker.ts';

class Client {
  cookies = new Map<string, string>();
  baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), origin: this.baseUrl },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return res;
  }
  form(path: string, fields: Record<string, string> | FormData) {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    body.set('csrf', this.cookies.get('cns_csrf') ?? '');
    return this.send(path, { method: 'POST', body });
  }
}

export async function adminImportBench(rows = 10_000): Promise<{ rows: number; previewSeconds: number; applySeconds: number }> {
  const persistTo = await freshLocalD1('bench-admin-import-');
  try {
    await withDirectoryDb({ remote: false, persistTo }, async ({ d1 }) => {
      await ensureOfficialUnits(d1);
      await seedDemoOfficials(d1);
    });
    const csv = toCsv(generateDirectoryRows(readOfficialUnits().communes, { villages: Math.ceil(rows / 4), maxRows: rows }));
    const worker = await startLocalWorker({ port: 8801, persistTo });
    try {
      const client = new Client(worker.baseUrl);
      await client.send('/quan-tri/dang-nhap');
      await client.form('/quan-tri/dang-nhap', { username: 'demo.toanquoc', password: demoPassword });
      const code = generateTOTP(decodeBase32IgnorePadding(demoTotpKey), 30, 6);
      const second = await client.form('/quan-tri/hai-buoc', { ma: code });
      if (second.status !== 303) throw new Error(`second step answered ${second.status}`);
      const form = new FormData();
      // The complete list (into an empty directory: nobody to remove), as an official picks it on the form.
      form.set('kind', 'full' satisfies ImportKind);
      form.set('file', new File([csv], 'bench.csv', { type: 'text/csv' }));
      let start = performance.now();
      const preview = await client.form('/quan-tri/nhap/', form);
      const html = await preview.text();
      const previewSeconds = (performance.now() - start) / 1000;
      // The confirm form's hidden fields, as the browser sends them (the import's id, the once-only token).
      const confirmForm = html.match(/<form method="post" action="\/quan-tri\/nhap\/xac-nhan">([\s\S]*?)<\/form>/)?.[1] ?? '';
      const hidden = Object.fromEntries([...confirmForm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      if (preview.status !== 200 || !hidden.importId) throw new Error(`preview answered ${preview.status}: ${html.slice(0, 500)}`);
      start = performance.now();
      const applied = await client.form('/quan-tri/nhap/xac-nhan', hidden);
      const appliedHtml = await applied.text();
      const applySeconds = (performance.now() - start) / 1000;
      if (applied.status !== 200 || !appliedHtml.includes('Đã cập nhật')) throw new Error(`apply answered ${applied.status}`);
      return { rows, previewSeconds, applySeconds };
    } finally {
      worker.stop();
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}

export async function adminImportBenchSection(): Promise<void> {
  const { rows, previewSeconds, applySeconds } = await adminImportBench();
  console.log(
    `Web upload of ${rows.toLocaleString('en')} rows (national admin, local wrangler dev): preview ${previewSeconds.toFixed(1)} s, apply ${applySeconds.toFixed(1)} s.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string' } } });
  const { rows, previewSeconds, applySeconds } = await adminImportBench(Number(values.rows ?? 10_000));
  console.log(`Web upload of ${rows} rows: preview ${previewSeconds.toFixed(1)} s, apply ${applySeconds.toFixed(1)} s.`);
}
