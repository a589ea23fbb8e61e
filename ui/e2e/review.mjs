// Review before rendering: a podcast made with "Review the script before rendering" stops in awaiting_review; the
// Studio shows "Waiting for your review" with the script, a line is edited and saved (only the plan changes), then
// "Approve and render" renders it and the episode holds the edit. An audiobook made with "Review the cast" waits too,
// shows its cast, and is approved.
// Env: SOURCE (the text to paste), BOOK (a Markdown book) (+ browser.mjs's).
import { Expectation, env, expect, expectAccessible, scenario, testIdText, waitFor } from './browser.mjs';

const source = env('SOURCE');
const book = env('BOOK');
const EDITED = 'Before we start: the harbour office opens at nine.';

async function awaitState(item, state, what) {
  const seen = [];
  await waitFor(async () => {
    const s = await item.getAttribute('data-state');
    if (seen[seen.length - 1] !== s) seen.push(s);
    if (s === 'failed' || s === 'cancelled') {
      const reason = (await item.getByTestId('job-error').textContent().catch(() => '')) || 'no reason shown';
      throw new Expectation(`${what}: the job ended ${s}: ${reason}`);
    }
    return s === state;
  }, { timeoutMs: 150_000, intervalMs: 100, message: `${what}: the job to be ${state}` });
  return seen;
}

async function approve(page, item, id) {
  const approved = page.waitForResponse((r) => r.url().endsWith(`/api/jobs/${id}/approve`) && r.request().method() === 'POST', { timeout: 30_000 });
  await item.getByTestId('job-approve').click();
  const answer = await approved;
  expect(answer.status() === 200, `POST approve answered ${answer.status()}: ${await answer.text().catch(() => '')}`);
  return answer.json();
}

await scenario('review', async ({ page, log, key }) => {
  await page.goto('/#/studio');
  const form = page.getByTestId('podcast-form');
  await waitFor(async () => (await form.getByTestId('host-voice').nth(1).inputValue().catch(() => '')) !== '', { timeoutMs: 15_000, message: 'two hosts with voices' });
  await page.getByTestId('podcast-title').fill('Harbour Review');
  await page.getByTestId('podcast-text').fill(source);
  await page.getByTestId('podcast-minutes').fill('3');
  await page.getByTestId('podcast-review').check();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/podcasts') && r.request().method() === 'POST', { timeout: 30_000 });
  await page.getByTestId('podcast-create').click();
  const response = await created;
  expect(response.status() === 202, `POST /api/podcasts answered ${response.status()}: ${await response.text().catch(() => '')}`);
  expect(response.request().postDataJSON().review === true, 'the form should send review: true');
  const { id } = await response.json();
  const item = page.locator(`[data-testid="job-item"][data-id="${id}"]`);
  log(`podcast ${id}: ${(await awaitState(item, 'awaiting_review', 'planning')).join(' → ')}`);
  expect((await testIdText(item, 'job-state')).includes('Waiting for your review'), `the badge should say "Waiting for your review": ${await testIdText(item, 'job-state')}`);

  const panel = item.getByTestId('review-panel');
  const lines = panel.getByTestId('script-line');
  await waitFor(async () => (await lines.count()) > 0, { timeoutMs: 15_000, message: 'the script in the review panel' });
  await lines.first().getByTestId('script-text').fill(EDITED);
  await lines.first().getByTestId('script-speaker').selectOption({ index: 1 });
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/podcasts/${id}/script`) && r.request().method() === 'PUT', { timeout: 30_000 });
  await panel.getByTestId('script-save').click();
  const put = await saved;
  expect(put.ok(), `PUT the script answered ${put.status()}: ${await put.text().catch(() => '')}`);
  expect((await put.json()).state === 'awaiting_review', 'an edit while waiting for review should not start rendering');
  await expectAccessible(page, 'the studio page with a podcast waiting for review');
  await item.screenshot({ path: `${env('SCREENSHOTS', '.')}/review-podcast.png` });

  const approved = await approve(page, item, id);
  log(`approved: ${approved.state}; ${(await awaitState(item, 'succeeded', 'rendering after approval')).join(' → ')}`);
  const script = await page.evaluate(async ([path, key]) => (await fetch(path, { headers: { Authorization: `Bearer ${key}` } })).json(),
    [`/api/podcasts/${id}/script`, key]);
  expect(script.sections[0].lines[0].text === EDITED, `the rendered script should hold the edit: ${JSON.stringify(script.sections[0].lines[0])}`);

  // an audiobook reviewed before rendering: its cast is shown, then approved
  await page.getByTestId('book-input').setInputFiles(book);
  await page.getByTestId('book-review').check();
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/audiobooks') && r.request().method() === 'POST', { timeout: 30_000 });
  await page.getByTestId('book-create').click();
  const bookResponse = await uploaded;
  expect(bookResponse.status() === 202, `POST /api/audiobooks answered ${bookResponse.status()}`);
  const bookId = (await bookResponse.json()).id;
  const bookItem = page.locator(`[data-testid="job-item"][data-id="${bookId}"]`);
  log(`audiobook ${bookId}: ${(await awaitState(bookItem, 'awaiting_review', 'planning the book')).join(' → ')}`);
  await bookItem.getByTestId('cast-editor').waitFor({ timeout: 15_000 });
  log(`cast: ${(await bookItem.getByTestId('cast-editor').textContent()).slice(0, 160)}`);
  await expectAccessible(page, 'the studio page with an audiobook waiting for review');
  await bookItem.screenshot({ path: `${env('SCREENSHOTS', '.')}/review-audiobook.png` });
  await approve(page, bookItem, bookId);
  log(`audiobook: ${(await awaitState(bookItem, 'succeeded', 'rendering the approved book')).join(' → ')}`);
});
