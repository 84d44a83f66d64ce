// The Content-Security-Policy (site/security/policy.ts) must block nothing the
// site itself does: every page is opened and used with JavaScript on, and any
// violation the browser reports fails the test.
import { expect, test, type Page } from '@playwright/test';

async function violationsOf(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI} ${e.sample}`);
    });
  });
  await visit();
  await page.waitForTimeout(300);
  return violations;
}

const GUIDE = '/huong-dan/dang-nhap-dich-vu-cong-bang-vneid/';

test('a guide page: search box, share bar and print handout run under the CSP', async ({ page }) => {
  const violations = await violationsOf(page, async () => {
    const res = await page.goto(GUIDE);
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    // Focusing the search box loads Pagefind (script + WebAssembly).
    await page.locator('input[type="search"]').first().focus();
    await page.locator('input[type="search"]').first().fill('vneid');
    await page.waitForResponse((r) => r.url().includes('/pagefind/') && r.url().endsWith('.pf_meta')).catch(() => undefined);
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(300);
  });
  expect(violations).toEqual([]);
});

test('the search page finds guides with Pagefind under the CSP', async ({ page }) => {
  const violations = await violationsOf(page, async () => {
    await page.goto('/tim-kiem/?q=mat+khau');
    await expect(page.locator('a[href^="/huong-dan/"]').first()).toBeVisible();
  });
  expect(violations).toEqual([]);
});

for (const path of ['/', '/chu-de/', '/gioi-thieu/', '/to-cong-nghe-so/', '/to-cong-nghe-so/tim/?q=ea', '/thong-ke/', '/cong-cu/', '/khong-co-trang-nay/']) {
  test(`${path} loads with no CSP violation`, async ({ page }) => {
    const violations = await violationsOf(page, async () => {
      await page.goto(path);
    });
    expect(violations).toEqual([]);
  });
}
