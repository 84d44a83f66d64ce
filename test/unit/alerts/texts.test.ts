import { describe, expect, it } from 'vitest';
import { type Alert, holdsLink, slugFromTitle, TEXT_MAX } from '../../../functions/alerts/alerts.ts';
import { parseAlertForm } from '../../../functions/alerts/form-schemas.ts';
import { loudspeakerScript, spokenSentences, ZALO_TEXT_MAX, zaloText } from '../../../functions/alerts/texts.ts';
import type { Official } from '../../../functions/auth/official.ts';
import { demoAlerts } from '../../../db/seeds/demo-alerts.ts';

const alertOf = (a: Partial<Alert>): Alert => ({
  id: 1,
  slug: 'canh-bao-thu',
  title: 'Cảnh báo thử',
  scamText: 'Kẻ gian gọi điện.',
  adviceText: 'Không làm theo.',
  contacts: ['113'],
  guides: [],
  provinceCode: null,
  provinceName: null,
  startsOn: '2026-12-01',
  endsOn: '2026-12-31',
  createdAt: 0,
  updatedAt: 0,
  withdrawnAt: null,
  ...a,
});

describe('loudspeaker script', () => {
  it.each(demoAlerts.map((a) => [a.slug, a] as const))('%s: short sentences, no links, numbers digit by digit', (_slug, demo) => {
    const script = loudspeakerScript(alertOf({ ...demo, contacts: [...demo.contacts], guides: [...demo.guides] }));
    expect(holdsLink(script)).toBe(false);
    for (const line of script.split('\n').filter(Boolean)) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(script).toContain('số 1 1 3');
  });

  it('takes links out of a sentence and keeps the rest of it', () => {
    expect(spokenSentences('Họ gửi link https://vneid-capnhat.top/app, hỏi mã OTP. Vào www.abc.vn ngay!')).toEqual(['Họ gửi link, hỏi mã OTP.', 'Vào ngay!']);
  });

  it('cuts a long sentence at commas into capitalised parts', () => {
    const parts = spokenSentences('họ nói tài khoản của bạn bị lỗi nặng, phải cập nhật ngay hôm nay trên ứng dụng, nếu không sẽ bị khoá vĩnh viễn và mất tiền');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p).toMatch(/^\p{Lu}.*\.$/u);
  });
});

describe('Zalo text', () => {
  it('fits a Zalo message even with the longest texts, keeps the numbers and the card link', () => {
    const long = Array.from({ length: 20 }, (_, i) => `Câu số ${i + 1} mô tả thủ đoạn của kẻ gian.`)
      .join('\n')
      .slice(0, TEXT_MAX);
    const text = zaloText(alertOf({ scamText: long, adviceText: long, contacts: ['113', '19000368'] }), 'https://example.vn/canh-bao/canh-bao-thu/');
    expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_MAX);
    expect(text).toContain('113');
    expect(text).toContain('1900 0368');
    expect(text.endsWith('https://example.vn/canh-bao/canh-bao-thu/')).toBe(true);
  });
});

describe('the alert form', () => {
  const province: Official = { id: 1, username: 'p', displayName: 'P', role: 'province', provinceCode: '66', communeCode: null, twoFactorEnabled: true };
  const form = (fields: Record<string, unknown>) => ({
    'tieu-de': 'Tiêu đề',
    'ke-gian': 'Kẻ gian gọi điện.',
    'nen-lam': 'Không làm theo.',
    'pham-vi': '66',
    'tu-ngay': '2026-12-07',
    'den-ngay': '2026-12-20',
    ...fields,
  });
  const parse = (fields: Record<string, unknown>) => parseAlertForm(form(fields), { official: province, guideSlugs: new Set(['a']), today: '2026-12-07' });

  it('bounds the window: start from 7 days back to 60 ahead, at most 90 days, not already over', () => {
    expect(parse({}).ok).toBe(true);
    expect(parse({ 'tu-ngay': '2026-11-29' })).toMatchObject({ ok: false, errors: { start: expect.any(String) } });
    expect(parse({ 'tu-ngay': '2027-02-06', 'den-ngay': '2027-02-10' })).toMatchObject({ ok: false, errors: { start: expect.any(String) } });
    expect(parse({ 'den-ngay': '2027-03-07' })).toMatchObject({ ok: false, errors: { end: expect.any(String) } });
    expect(parse({ 'tu-ngay': '2026-12-01', 'den-ngay': '2026-12-06' })).toMatchObject({ ok: false, errors: { end: expect.any(String) } });
    expect(parse({ 'den-ngay': '2026-12-06' })).toMatchObject({ ok: false });
  });

  it('a province admin: only their province', () => {
    expect(parse({ 'pham-vi': 'toan-quoc' })).toMatchObject({ ok: false, errors: { scope: expect.any(String) } });
    expect(parse({ 'pham-vi': '01' })).toMatchObject({ ok: false, errors: { scope: expect.any(String) } });
  });

  it('slugs: folded, hyphenated, at most 60 characters', () => {
    expect(slugFromTitle('Giả danh công an gọi điện đòi “cập nhật VNeID”')).toBe('gia-danh-cong-an-goi-dien-doi-cap-nhat-vneid');
    expect(slugFromTitle('Đ'.repeat(200)).length).toBeLessThanOrEqual(60);
    expect(slugFromTitle('!!!')).toBe('canh-bao');
  });
});
