// Voice: press talk with Chromium's fake microphone playing $FAKE_AUDIO; expect the final transcript, reply audio
// received and playing, and (INTERRUPT=1) that response.cancelled stops playback at once.
// Env: FAKE_AUDIO (WAV), TRANSCRIPT_PART, INTERRUPT (optional, "1") (+ browser.mjs's).
import { env, expect, expectAccessible, scenario, testIdText, waitFor } from './browser.mjs';

const fakeAudio = env('FAKE_AUDIO');
const transcriptPart = env('TRANSCRIPT_PART');
const interrupt = env('INTERRUPT', '0') === '1';

const num = async (page, id) => Number((await testIdText(page, id)).replace(/[^0-9.-]/g, '') || 0);

await scenario('voice', async ({ page, log }) => {
  await page.goto('/#/voice');
  // remember every state the aria-live region shows (states can pass quickly)
  await page.getByTestId('voice-state').waitFor();
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="voice-state"]');
    window.__voiceStates = [el.getAttribute('data-state')];
    new MutationObserver(() => {
      const s = el.getAttribute('data-state');
      if (window.__voiceStates[window.__voiceStates.length - 1] !== s) window.__voiceStates.push(s);
    }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  });
  const states = () => page.evaluate(() => window.__voiceStates.slice());

  await page.getByTestId('talk').click();
  await waitFor(async () => {
    const s = await page.getByTestId('voice-state').getAttribute('data-state');
    if (s === 'error') throw new Error(`voice failed: ${await testIdText(page, 'voice-error')}`);
    return s !== 'connecting' && s !== 'idle';
  }, { timeoutMs: 20_000, message: 'the voice session to connect' });
  log('connected; microphone frames are being sent');
  await waitFor(async () => (await num(page, 'frames-sent')) > 10, { timeoutMs: 10_000, message: 'microphone frames to be sent' });

  await waitFor(async () => (await testIdText(page, 'final-transcript')).toLowerCase().includes(transcriptPart.toLowerCase()),
    { timeoutMs: 60_000, message: `the final transcript to contain "${transcriptPart}"` });
  log(`transcript: ${await testIdText(page, 'final-transcript')}`);

  await waitFor(async () => (await num(page, 'audio-received-ms')) > 0, { timeoutMs: 60_000, message: 'reply audio to be received' });
  // playing: the played counter advances
  const p0 = await num(page, 'audio-played-ms');
  await waitFor(async () => (await num(page, 'audio-played-ms')) > p0, { timeoutMs: 15_000, message: 'reply audio to play (audio-played-ms to grow)' });
  log(`received ${await num(page, 'audio-received-ms')} ms, played ${await num(page, 'audio-played-ms')} ms, reply: ${(await testIdText(page, 'reply-text')).slice(0, 120)}`);
  expect((await states()).includes('speaking'), `the state should have been "speaking"; states: ${(await states()).join(' → ')}`);

  if (interrupt) {
    // barge-in: the fake microphone loops its file, so the user speaks again over the reply, and the server must
    // cancel it (response.cancelled) by itself
    await waitFor(async () => (await num(page, 'interruptions')) > 0, { timeoutMs: 30_000, message: 'the server to cancel the reply when the user spoke over it (barge-in)' });
    // playback stops: nothing more of the cancelled reply is played
    const playedAtCancel = await num(page, 'audio-played-ms');
    await page.waitForTimeout(1_000);
    const playedLater = await num(page, 'audio-played-ms');
    expect(playedLater - playedAtCancel < 200, `playback should stop at response.cancelled; played ${playedAtCancel} ms then ${playedLater} ms`);
    const seen = await states();
    expect(seen.includes('interrupted'), `the state should show "interrupted"; states: ${seen.join(' → ')}`);
    const queuedAfter = await testIdText(page, 'queued-after-cancel-ms');
    expect(queuedAfter.trim() === '0', `scheduled-but-unplayed audio should drop to 0 at response.cancelled, it was ${queuedAfter}`);
    await expectAccessible(page, 'the voice page');
    log(`interrupted (${await testIdText(page, 'reply-status')}); queued after cancel: ${queuedAfter} ms; states: ${seen.join(' → ')}`);
  }
}, {
  args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fakeAudio}`,
    '--autoplay-policy=no-user-gesture-required'],
  permissions: ['microphone'],
});
