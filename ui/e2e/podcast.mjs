// Studio podcasts: make one from pasted text in the form, follow it until it succeeds, open its script, edit a line,
// save it and see the job speak it again and succeed again; preview a host's voice; then "Listen and ask" opens the
// Voice page on the interactive podcast and the first line shows as it plays.
// Env: SOURCE (the text to paste), FAKE_AUDIO (a silent WAV for Chromium's fake microphone) (+ browser.mjs's).
import { Expectation, env, expect, expectAccessible, scenario, testIdText, waitFor } from './browser.mjs';

const source = env('SOURCE');
const fakeAudio = env('FAKE_AUDIO');
const EDITED = 'And now, a word about the weather at sea.';

/** Waits until the job item shows `state`; fails at once when it fails or is cancelled. */
async function awaitState(item, state, what) {
  const seen = [];
  await waitFor(async () => {
    const s = await item.getAttribute('data-state');
    if (seen[seen.length - 1] !== s) seen.push(s);
    if (s === 'failed' || s === 'cancelled') {
      const reason = (await item.getByTestId('job-error').textContent().catch(() => '')) || 'no reason shown';
      throw new Expectation(`${what}: the podcast job ended ${s}: ${reason}`);
    }
    return s === state;
  }, { timeoutMs: 150_000, intervalMs: 100, message: `${what}: the job to be ${state}` });
  return seen;
}

await scenario('podcast', async ({ page, log }) => {
  await page.goto('/#/studio');
  const form = page.getByTestId('podcast-form');
  await form.waitFor();
  // the hosts get voices once /v1/voices answers
  await waitFor(async () => (await form.getByTestId('host-voice').count()) === 2
    && (await form.getByTestId('host-voice').nth(1).inputValue()) !== '', { timeoutMs: 15_000, message: 'two hosts with voices' });

  await page.getByTestId('podcast-title').fill('Harbour Talk');
  await page.getByTestId('podcast-text').fill(source);
  await page.getByTestId('podcast-minutes').fill('6');
  await form.getByTestId('host-persona').first().fill('the curious host');

  // a host's voice preview plays in the page (POST /v1/voices/{id}/preview answers audio/wav)
  const previewed = page.waitForResponse((r) => /\/v1\/voices\/[^/]+\/preview$/.test(r.url()), { timeout: 30_000 });
  await form.getByTestId('host-voice-preview').first().click();
  const preview = await previewed;
  if (preview.status() === 404) {
    log('this server has no voice preview yet (404); the preview check is skipped');
  } else {
    expect(preview.status() === 200, `the voice preview answered ${preview.status()}`);
    expect((preview.headers()['content-type'] ?? '').startsWith('audio/'), `the preview should be audio, got ${preview.headers()['content-type']}`);
    const audio = await waitFor(async () => {
      const a = await form.getByTestId('voice-preview-audio').first().evaluate((el) => ({ src: el.src, duration: el.duration, error: el.error?.code ?? null }));
      if (a.error) throw new Expectation(`the preview could not be played (media error ${a.error})`);
      return a.src && Number.isFinite(a.duration) && a.duration > 0 ? a : null;
    }, { timeoutMs: 10_000, message: 'the preview to load into the page\'s <audio>' });
    log(`preview: ${audio.duration.toFixed(2)} s of WAV playing from ${audio.src.slice(0, 30)}`);
  }

  const created = page.waitForResponse((r) => r.url().endsWith('/api/podcasts') && r.request().method() === 'POST', { timeout: 30_000 });
  await page.getByTestId('podcast-create').click();
  const response = await created;
  expect(response.status() === 202, `POST /api/podcasts answered ${response.status()}: ${await response.text().catch(() => '')}`);
  const sent = response.request().postDataJSON();
  expect(sent.text === source.trim() && sent.knowledge_base === null && sent.speakers.length === 2 && sent.minutes === 6
    && sent.review === false && sent.speakers[0].persona === 'the curious host',
  `the form should send the podcast as JSON; it sent ${JSON.stringify(sent)}`);
  const { id } = await response.json();
  log(`job ${id} created with hosts ${sent.speakers.map((s) => `${s.name} (${s.voice})`).join(', ')}`);

  const item = page.locator(`[data-testid="job-item"][data-id="${id}"]`);
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  log(`states: ${(await awaitState(item, 'succeeded', 'first rendering')).join(' → ')}`);
  const player = item.getByTestId('book-player');
  await waitFor(async () => {
    const a = await player.evaluate((el) => ({ duration: el.duration, error: el.error?.code ?? null }));
    if (a.error) throw new Expectation(`the episode player could not load the MP3 (error ${a.error})`);
    return Number.isFinite(a.duration) && a.duration > 0 ? a : null;
  }, { timeoutMs: 30_000, intervalMs: 200, message: 'the episode player to load' });
  await expectAccessible(page, 'the studio page with a finished podcast');

  // the script: edit the last line and save it
  await item.getByTestId('job-script').click();
  const lines = item.getByTestId('script-line');
  await waitFor(async () => (await lines.count()) > 0, { timeoutMs: 15_000, message: 'the script lines' });
  const count = await lines.count();
  const last = lines.nth(count - 1);
  const before = await last.getByTestId('script-text').inputValue();
  await last.getByTestId('script-text').fill(EDITED);
  await last.getByTestId('script-emotion').selectOption('calm');
  await waitFor(async () => (await testIdText(item, 'script-changes')).includes('1 line changed'), { timeoutMs: 5_000, message: '"1 line changed"' });
  await expectAccessible(page, 'the studio page with the script editor open');
  // the same at phone width in the dark theme (contrast checked again), with a screenshot to look at
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await expectAccessible(page, 'the studio page at phone width in the dark theme');
  await form.screenshot({ path: `${env('SCREENSHOTS', '.')}/podcast-form-phone-dark.png` });
  await item.screenshot({ path: `${env('SCREENSHOTS', '.')}/podcast-script-phone-dark.png` });
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  await page.setViewportSize({ width: 1280, height: 860 });
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/podcasts/${id}/script`) && r.request().method() === 'PUT', { timeout: 30_000 });
  await item.getByTestId('script-save').click();
  const put = await saved;
  expect(put.status() === 202, `PUT the script answered ${put.status()}: ${await put.text().catch(() => '')}`);
  const rerender = await put.json();
  log(`edited line ${count} of ${count} ("${before.slice(0, 40)}" → "${EDITED}"); the job is ${rerender.state}`);
  expect(rerender.state !== 'succeeded', `after an edit the job should render again, it is ${rerender.state}`);
  log(`states after the edit: ${(await awaitState(item, 'succeeded', 'rendering the edited line')).join(' → ')}`);

  // the saved script holds the edit
  await item.getByTestId('job-script').click();
  await waitFor(async () => (await lines.count()) === count, { timeoutMs: 15_000, message: 'the script again' });
  const after = await lines.nth(count - 1).getByTestId('script-text').inputValue();
  expect(after === EDITED, `the saved script should hold the edited line; it shows "${after}"`);
  expect((await lines.nth(count - 1).getByTestId('script-emotion').inputValue()) === 'calm', 'the edited line should be calm');

  // Listen and ask: the Voice page on this podcast; Play shows the line being played
  await item.getByTestId('job-listen').click();
  await page.getByTestId('podcast-now').waitFor({ timeout: 10_000 });
  expect((await page.getByTestId('pipeline').inputValue()) === 'interactive-podcast', 'the Voice page should be on the interactive podcast');
  await waitFor(async () => (await page.getByTestId('podcast-episode').inputValue()) === id,
    { timeoutMs: 10_000, message: 'the Voice page to have this podcast chosen' });
  await page.getByTestId('podcast-play').click();
  const first = await waitFor(async () => {
    const s = await page.getByTestId('voice-state').getAttribute('data-state');
    if (s === 'error') throw new Expectation(`the voice session failed: ${await testIdText(page, 'voice-error')}`);
    const text = await testIdText(page, 'podcast-text');
    return text ? { speaker: await testIdText(page, 'podcast-speaker'), text, section: await testIdText(page, 'podcast-section') } : null;
  }, { timeoutMs: 30_000, message: 'the first podcast.line to show' });
  log(`playing: [${first.section}] ${first.speaker} ${first.text}`);
  expect(first.section.length > 0 && first.speaker.length > 0, 'the line should show its section and speaker');
  await expectAccessible(page, 'the voice page playing a podcast');
}, {
  args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fakeAudio}`,
    '--autoplay-policy=no-user-gesture-required'],
  permissions: ['microphone'],
});
