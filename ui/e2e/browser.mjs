// Shared set-up for the browser tests: run with plain `node ui/e2e/<scenario>.mjs`.
// Environment: OMNIVOX_URL, OMNIVOX_KEY, SCREENSHOTS (directory), CHROMIUM (default /usr/bin/chromium).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export function env(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new Error(`environment variable ${name} is required`);
  }
  return value;
}

export class Expectation extends Error {}

/** Polls `probe` until it returns a truthy value; fails with `message` (and the last value seen) after `timeoutMs`. */
export async function waitFor(probe, { timeoutMs = 30_000, intervalMs = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      if (e instanceof Expectation) throw e;
      last = `error: ${e.message}`;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Expectation(`timed out after ${timeoutMs} ms waiting for ${message}${last !== undefined ? ` (last seen: ${JSON.stringify(last)})` : ''}`);
}

export function expect(condition, message) {
  if (!condition) throw new Expectation(message);
}

/** Visible text of the first element with data-testid, or '' when absent. */
export async function testIdText(page, id) {
  const el = page.locator(`[data-testid="${id}"]`).first();
  return (await el.count()) ? ((await el.textContent()) ?? '') : '';
}

/**
 * Checks the page as it stands with axe-core (WCAG 2 A and AA rules: labels, contrast, roles, keyboard focus order
 * among them) and fails on any serious or critical violation, naming the rule and the elements.
 */
export async function expectAccessible(page, what) {
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // evaluated through the DevTools protocol, not as a <script> tag: the app's Content-Security-Policy allows no inline
  // script, and the test must not loosen it (the pages are checked under the policy users get)
  await page.evaluate(readFileSync(axe, 'utf8'));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
  expect(violations.length === 0, `${what} has accessibility violations:\n  ${violations.join('\n  ')}`);
}

/** Runs one scenario: launches Chromium, stores the API key before the app loads, always takes a screenshot. */
export async function scenario(name, body, { args = [], permissions = [] } = {}) {
  const url = env('OMNIVOX_URL').replace(/\/+$/, '');
  const key = env('OMNIVOX_KEY');
  const shots = env('SCREENSHOTS', join(process.cwd(), 'e2e-screenshots'));
  mkdirSync(shots, { recursive: true });
  const logs = [];
  let browser;
  let page;
  let failed = null;
  const started = Date.now();
  try {
    browser = await chromium.launch({
      executablePath: env('CHROMIUM', '/usr/bin/chromium'),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', ...args],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: url });
    if (permissions.length) await context.grantPermissions(permissions, { origin: url });
    await context.addInitScript((k) => {
      try { window.localStorage.setItem('omnivox.apiKey', k); } catch { /* storage unavailable */ }
    }, key);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logs.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => logs.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => logs.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => { if (r.status() >= 400) logs.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
    await body({ page, url, key, log: (m) => console.log(`[${name}] ${m}`) });
  } catch (e) {
    failed = e;
  } finally {
    if (page) {
      try {
        const alerts = await testIdText(page, 'alerts');
        if (failed && alerts) logs.push(`alerts shown: ${alerts}`);
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      } catch (e) {
        logs.push(`screenshot failed: ${e.message}`);
      }
    }
    if (browser) await browser.close().catch(() => undefined);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failed) {
    console.error(`[${name}] FAILED after ${seconds} s: ${failed instanceof Expectation ? failed.message : failed.stack ?? failed}`);
    for (const l of logs.slice(-40)) console.error(`[${name}]   ${l}`);
    process.exit(1);
  }
  console.log(`[${name}] passed in ${seconds} s`);
  process.exit(0);
}
