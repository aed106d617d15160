// The page end to end in headless Chromium (the system's /usr/bin/chromium, never a downloaded browser):
// ask a question against `detour serve --demo`, see the fallback appear live, reload mid-run and see
// no event twice, then see the report rendered safely and the run's cost. Usage: node e2e.mjs URL SCREENSHOT_DIR
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [url, shots] = process.argv.slice(2);
const QUESTION = 'Why do tides happen twice a day? <img src=x id=injected onerror=alert(1)>';
const profile = mkdtempSync(join(tmpdir(), 'detour-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
const failures = [];
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('dialog', dialog => { failures.push('a dialog opened: ' + dialog.message()); dialog.dismiss(); });
  page.on('pageerror', error => failures.push('page error: ' + error.message));
  page.on('console', message => { if (message.type() === 'error') failures.push('console error: ' + message.text()); });
  page.on('request', request => {
    if (!request.url().startsWith(url)) failures.push('a request left the server: ' + request.url());
  });

  await page.goto(url);
  await page.getByLabel('Question').fill(QUESTION);
  await page.getByRole('button', { name: 'Research' }).click();

  const fallback = page.locator('.story', { hasText: 'fell back to' }).first();
  await fallback.waitFor({ timeout: 30_000 });
  const story = (await fallback.textContent()).replace(/\s+/g, ' ');
  assert.match(story, /Qwen2\.5-72B via novita: HTTP 500 ×3 → fell back to Qwen2\.5-7B via hf-inference: OK/, story);
  assert.equal(await page.locator('#run-status').textContent(), 'running');
  await page.screenshot({ path: join(shots, 'page-during-run.png'), fullPage: true });

  await page.reload();
  await page.locator('#run-status', { hasText: /completed|failed/ }).waitFor({ timeout: 60_000 });
  await page.locator('#report h2').first().waitFor({ timeout: 30_000 });
  const seqs = await page.locator('#log-list li').evaluateAll(items => items.map(item => Number(item.dataset.seq)));
  assert.ok(seqs.length > 10, 'the event log holds the run: ' + seqs.length);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'each event once, in order, none missing');
  assert.equal(await page.locator('#steps .step[data-path="plan"]').count(), 1);

  const cost = await page.locator('#run-cost').textContent();
  assert.match(cost, /^\$0\.\d{6}$/, 'the run shows its cost at the configured prices: ' + cost);
  assert.notEqual(cost, '$0.000000', 'the answers cost something');
  assert.ok((await page.locator('#report').textContent()).includes('cost ' + cost + '.'),
    'the page shows the cost the report gives the run: ' + cost);
  await page.locator('#runs li a', { hasText: cost }).first().waitFor({ timeout: 15_000 });
  const heading = await page.locator('#report h2').first().textContent();
  assert.equal(heading, QUESTION, 'the report heading shows the question as text');
  assert.equal(await page.locator('#injected').count(), 0, 'no HTML from the question reached the page');
  assert.ok(await page.locator('#report table').count() > 0, 'the provenance table is rendered');
  assert.equal(await page.locator('#report script, #report img, #report [onerror]').count(), 0);
  const links = await page.locator('#report a').evaluateAll(as => as.map(a => a.getAttribute('href')));
  for (const href of links) assert.match(href, /^(https?:|mailto:)/, 'a report link is http(s): ' + href);

  await page.locator('#models li', { hasText: 'open until' }).first().waitFor({ timeout: 15_000 });
  await page.locator('#runs li a').first().waitFor();
  await page.screenshot({ path: join(shots, 'page-after-run.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(shots, 'page-phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, 'no sideways scrolling at phone width: ' + overflow + 'px too wide');
} catch (failure) {
  failures.push(failure.stack || String(failure));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('browser end-to-end: 1 passed, 0 failed');
