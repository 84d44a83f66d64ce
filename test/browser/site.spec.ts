import { expect, test } from '@playwright/test';
import { guidePaths, guideWithSteps, samplePages } from './site-helpers.ts';

test.describe('reading path on a phone', () => {
  test('home → topic → guide by tapping', async ({ page }) => {
    await page.goto('/');
    const topicLink = page.locator('.home-topic h2 a').first();
    const topicName = (await topicLink.textContent())!.trim();
    await topicLink.tap();
    await expect(page).toHaveURL(/\/chu-de\/[a-z-]+\/$/);
    await expect(page.locator('h1')).toHaveText(topicName);

    const guideLink = page.locator('.guide-card .card-title a').first();
    const guideTitle = (await guideLink.textContent())!.trim();
    await guideLink.tap();
    await expect(page).toHaveURL(/\/huong-dan\/[a-z0-9-]+\/$/);
    await expect(page.locator('h1')).toHaveText(guideTitle);
    await expect(page.locator('.breadcrumbs')).toContainText(topicName);
  });

  test('a tap anywhere on a guide card opens the guide', async ({ page }) => {
    await page.goto(samplePages.topic);
    const card = page.locator('.guide-card').first();
    const title = (await card.locator('.card-title a').textContent())!.trim();
    // The whole card on screen first: a tap outside the viewport reaches nothing.
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    // Tap the lower part of the card (the description), not the title link itself.
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height - 12);
    await expect(page.locator('h1')).toHaveText(title);
  });

  test('the skip link is the first Tab stop and moves focus to the content', async ({ page }) => {
    await page.goto(samplePages.guide);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
  });

  test('focused links get a visible focus style', async ({ page }) => {
    await page.goto(samplePages.guide);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // the site name link
    const style = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const cs = getComputedStyle(el);
      return { background: cs.backgroundColor, tag: el.tagName };
    });
    expect(style.tag).toBe('A');
    expect(style.background).toBe('rgb(255, 221, 0)');
  });
});

test.describe('a guide read with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('title, what to prepare, every step and the sources are visible', async ({ page }) => {
    const res = await page.goto(guideWithSteps);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('.guide-meta')).toContainText(/Khoảng \d+ phút/);
    const steps = page.locator('.steps > ol > li');
    expect(await steps.count()).toBeGreaterThan(0);
    for (const step of await steps.all()) await expect(step).toBeVisible();
    await expect(page.locator('.guide-sources a[href^="https://"]').first()).toBeVisible();
    await expect(page.locator('.guide-sources time')).toBeVisible();
  });

  test('every guide shows its title, content and sources without scripts', async ({ page }) => {
    expect(guidePaths.length).toBeGreaterThan(0);
    for (const path of guidePaths) {
      await page.goto(path);
      await expect(page.locator('h1'), path).toBeVisible();
      await expect(page.locator('.guide-content > *').first(), path).toBeVisible();
      await expect(page.locator('.guide-sources li').first(), path).toBeVisible();
    }
  });

  test('"Hướng dẫn này có giúp ích không?" is answered and thanked without scripts, and counted', async ({ browser, baseURL, request }) => {
    // A new visitor per run (one visitor counts once per guide and day; the local database outlives runs).
    const runId = `${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`;
    const context = await browser.newContext({
      baseURL,
      javaScriptEnabled: false,
      userAgent: `Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${runId} Mobile Safari/537.36`,
    });
    const page = await context.newPage();
    const slug = guideWithSteps.split('/')[2]!;
    const helpfulYes = async () => {
      const body = (await (await request.get('/api/usage')).json()) as { guides: { slug: string; helpfulYes: number }[] };
      return body.guides.find((g) => g.slug === slug)?.helpfulYes ?? 0;
    };
    const before = await helpfulYes();

    await page.goto(guideWithSteps);
    const question = page.locator('[data-helpful-question]');
    const thanks = page.locator('[data-helpful-thanks]');
    await expect(page.locator('#gop-y h2')).toHaveText('Hướng dẫn này có giúp ích không?');
    await expect(thanks).toBeHidden();
    await question.getByRole('button', { name: 'Có' }).click();

    await expect(page).toHaveURL(new RegExp(`${guideWithSteps}\\?da-gop-y=1#gop-y$`));
    await expect(thanks).toBeVisible();
    await expect(question).toBeHidden();
    await expect.poll(helpfulYes, { timeout: 10_000, intervals: [250] }).toBe(before + 1);
    await context.close();
  });
});

test.describe('phone-first layout', () => {
  const pagesToCheck: [string, string][] = [...Object.entries(samplePages), ...guidePaths.map((path): [string, string] => ['guide', path])];

  test('no horizontal scrolling at 320 px width', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const [name, path] of pagesToCheck) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} ${path}`).toBeLessThanOrEqual(0);
    }
  });

  test('no horizontal scrolling at 200 % zoom on a 360 px phone (180 CSS px)', async ({ page }) => {
    await page.setViewportSize({ width: 180, height: 370 });
    for (const [name, path] of pagesToCheck) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} ${path}`).toBeLessThanOrEqual(0);
    }
  });

  test('body text is at least 18 px', async ({ page }) => {
    for (const path of [samplePages.home, samplePages.guide]) {
      await page.goto(path);
      const sizes = await page.evaluate(() =>
        [document.body, ...document.querySelectorAll('main p, main li')].map((el) => parseFloat(getComputedStyle(el).fontSize)),
      );
      expect(Math.min(...sizes), path).toBeGreaterThanOrEqual(18);
    }
  });

  test('navigation links, buttons and card links are at least 44 px tap targets', async ({ page }) => {
    for (const path of [samplePages.home, samplePages.topic, samplePages.guide]) {
      await page.goto(path);
      const targets = page.locator('.site-name, .site-nav a, .site-footer a, .breadcrumbs a, button, .button, .more, .prev-next a, .card');
      expect(await targets.count()).toBeGreaterThan(5);
      for (const target of await targets.all()) {
        // Only what can be tapped now: the share bar keeps some buttons hidden or in a closed <details>.
        if (!(await target.isVisible())) continue;
        const box = await target.boundingBox();
        const label = `${path} ${await target.evaluate((el) => el.outerHTML.slice(0, 80))}`;
        expect(box, label).not.toBeNull();
        expect(box!.height, label).toBeGreaterThanOrEqual(44);
        expect(box!.width, label).toBeGreaterThanOrEqual(44);
      }
    }
  });

  test('pages are Vietnamese and use system fonts only (no web font requests)', async ({ page }) => {
    const fontRequests: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'font') fontRequests.push(req.url());
    });
    await page.goto(samplePages.guide);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    expect(fontRequests).toEqual([]);
  });

  test('a guide page loads nothing from another origin', async ({ page, baseURL }) => {
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseURL!) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    await page.goto(samplePages.guide, { waitUntil: 'networkidle' });
    expect(foreign).toEqual([]);
  });
});

test.describe('404', () => {
  test('an unknown page answers 404 with the Vietnamese page, home link, topics and search', async ({ page }) => {
    for (const path of [samplePages.notFound, samplePages.guideNotFound]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.locator('h1')).toHaveText('Không tìm thấy trang này');
      await expect(page.locator('main a[href="/"]')).toBeVisible();
      await expect(page.locator('main a[href^="/chu-de/"]').first()).toBeVisible();
      await expect(page.locator('form[role="search"]')).toBeVisible();
    }
  });
});
