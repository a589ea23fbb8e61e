// Studio: upload a small book, follow the audiobook job until it succeeds, play it and jump to a chapter.
// Env: BOOK (a Markdown book with two '#' chapters), CHAPTER_TITLES (the expected chapter titles joined by '|')
// (+ browser.mjs's).
import { Expectation, env, expect, expectAccessible, scenario, waitFor } from './browser.mjs';

const book = env('BOOK');
const titles = env('CHAPTER_TITLES').split('|').map((t) => t.trim()).filter(Boolean);

await scenario('studio', async ({ page, log }) => {
  await page.goto('/#/studio');
  await page.getByTestId('book-input').setInputFiles(book);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/audiobooks') && r.request().method() === 'POST', { timeout: 30_000 });
  await page.getByTestId('book-create').click();
  const response = await created;
  expect(response.status() === 202, `POST /api/audiobooks answered ${response.status()}: ${await response.text().catch(() => '')}`);
  const { id } = await response.json();
  log(`job ${id} created`);

  const item = page.locator(`[data-testid="job-item"][data-id="${id}"]`);
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  const states = new Set();
  let progressWhileRunning = false;
  let progressSeen = false;
  await waitFor(async () => {
    const state = await item.getAttribute('data-state');
    states.add(state);
    if (await item.getByTestId('job-progress').count()) {
      progressSeen = true;
      if (state === 'queued' || state === 'running') progressWhileRunning = true;
    }
    if (state === 'failed' || state === 'cancelled') {
      const reason = (await item.getByTestId('job-error').textContent().catch(() => '')) || 'no reason shown';
      throw new Expectation(`the audiobook job ended ${state}: ${reason}`);
    }
    return state === 'succeeded';
  }, { timeoutMs: 120_000, intervalMs: 100, message: `job ${id} to succeed` })
    .finally(() => log(`states seen: ${[...states].join(' → ')}; progress bar seen while running: ${progressWhileRunning}`));
  expect(progressSeen, 'a job should show a progress bar');

  const chapters = item.getByTestId('chapter-item');
  await waitFor(async () => (await chapters.count()) >= titles.length, { timeoutMs: 15_000, message: `${titles.length} chapter items` });
  const texts = await chapters.allTextContents();
  let from = 0;
  for (const title of titles) {
    const at = texts.findIndex((t, i) => i >= from && t.includes(title));
    expect(at >= 0, `the chapter list should contain "${title}" after position ${from}; it shows: ${JSON.stringify(texts)}`);
    from = at + 1;
  }
  log(`chapters: ${texts.join(' | ')}`);

  const player = item.getByTestId('book-player');
  const audio = await waitFor(async () => {
    const state = await player.evaluate((a) => ({ src: a.currentSrc || a.src, duration: a.duration, readyState: a.readyState, error: a.error?.message ?? a.error?.code ?? null }));
    if (state.error) throw new Expectation(`the player could not load the book: ${state.error}`);
    return state.src && state.readyState >= 1 && Number.isFinite(state.duration) && state.duration > 0 ? state : null;
  }, { timeoutMs: 30_000, intervalMs: 200, message: 'the book player to load its metadata (loadedmetadata)' });
  log(`player: ${audio.duration.toFixed(2)} s from ${audio.src.slice(0, 40)}`);

  const second = chapters.nth(1);
  const startMs = Number(await second.getAttribute('data-start-ms'));
  expect(Number.isFinite(startMs) && startMs > 0, `the second chapter should start after 0 (data-start-ms=${startMs})`);
  await second.click();
  const position = await waitFor(async () => {
    const t = await player.evaluate((a) => a.currentTime);
    return Math.abs(t - startMs / 1000) <= 0.5 ? t : null;
  }, { timeoutMs: 5_000, intervalMs: 50, message: `the player to seek to ${(startMs / 1000).toFixed(2)} s` });
  log(`seeked to ${position.toFixed(2)} s (chapter starts at ${(startMs / 1000).toFixed(2)} s)`);
  await player.evaluate((a) => a.pause());

  const downloads = await item.getByTestId('download-link').count();
  expect(downloads >= 3, `the job should offer its downloads (M4B, chapter MP3s, report); found ${downloads}`);
  await expectAccessible(page, 'the studio page');
});
