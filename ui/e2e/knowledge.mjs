// Knowledge: create a knowledge base, upload a document, watch its status until it is ready.
// Env: KB_NAME, DOCUMENT (a file path) (+ browser.mjs's).
import { basename } from 'node:path';
import { Expectation, env, expect, expectAccessible, scenario, waitFor } from './browser.mjs';

const kbName = env('KB_NAME');
const document = env('DOCUMENT');
const fileName = basename(document);

await scenario('knowledge', async ({ page, log }) => {
  await page.goto('/#/knowledge');
  await page.getByTestId('kb-name').fill(kbName);
  await page.getByTestId('kb-create').click();
  const item = page.getByTestId('kb-item').filter({ hasText: kbName });
  await item.first().waitFor({ state: 'visible', timeout: 15_000 });
  await item.first().click();
  await waitFor(async () => (await page.locator('#docs-title').textContent()) === kbName, { timeoutMs: 10_000, message: `the document panel of "${kbName}"` });
  log('knowledge base created');

  await page.getByTestId('document-input').setInputFiles(document);
  const row = page.locator(`[data-testid="document-row"][data-name="${fileName.replace(/"/g, '\\"')}"]`);
  await row.first().waitFor({ state: 'visible', timeout: 30_000 });
  const status = row.first().getByTestId('document-status');
  expect(await status.isVisible(), 'the document row should show its status');
  const seen = new Set();
  await waitFor(async () => {
    const s = await row.first().getAttribute('data-status');
    seen.add(s);
    if (s === 'failed') {
      const reason = (await row.first().getByTestId('document-error').textContent().catch(() => '')) || 'no reason shown';
      throw new Expectation(`ingestion of "${fileName}" failed: ${reason}`);
    }
    return s === 'ready';
  }, { timeoutMs: 60_000, intervalMs: 200, message: `"${fileName}" to be ready (statuses seen so far are logged below)` })
    .finally(() => log(`statuses seen: ${[...seen].join(' → ')}`));
  expect(/ready/i.test((await status.textContent()) ?? ''), 'the status badge should say ready');
  await expectAccessible(page, 'the knowledge page');
});
