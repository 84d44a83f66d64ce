// The member area shows members where people learn for the national digital-skills
// confirmation (QĐ 757/QĐ-BKHCN, issue 19 point 5): a small section linking the
// Bình dân học vụ số platform and the site's skills page. Signed-out visitors
// get the sign-in notice, not the member area.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ui } from '../../site/i18n/ui.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';
import { memberGet, signIn } from './assists-helpers.ts';

const MEMBER = 'K7Q2MZ20';
let cookie = '';

beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  cookie = await signIn(MEMBER);
});

const section = (html: string) => /<section aria-labelledby="ky-nang-so">([\s\S]*?)<\/section>/.exec(html)?.[1];

describe('member area: courses for the digital-skills confirmation', () => {
  it('shows the section with the platform home and the skills page', async () => {
    const res = await memberGet('/thanh-vien/', cookie);
    expect(res.status).toBe(200);
    const html = section(await res.text());
    expect(html).toBeDefined();
    expect(html).toContain(`<h2 id="ky-nang-so">${ui.skills.memberHeading}</h2>`);
    expect(html).toContain('href="https://binhdanhocvuso.gov.vn/"');
    expect(html).toContain('href="/ky-nang-so/"');
    expect(html).toContain('VNeID');
  });

  it('is part of the member area only: a signed-out visitor does not see it', async () => {
    const res = await memberGet('/thanh-vien/', '');
    const html = await res.text();
    expect(section(html)).toBeUndefined();
  });
});
