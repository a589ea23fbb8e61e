// Chat: the agent draws a picture (generate_image) and the answer shows it inline, fetched with the API key.
// Env: QUESTION, ANSWER_PART, CAPTION, SIZE (the picture's side in pixels) (+ browser.mjs's).
import { env, expect, expectAccessible, scenario, waitFor } from './browser.mjs';

const question = env('QUESTION');
const answerPart = env('ANSWER_PART');
const caption = env('CAPTION');
const size = Number(env('SIZE'));

await scenario('drawing', async ({ page, log }) => {
  await page.goto('/#/chat');
  await page.getByTestId('new-conversation').click();
  await page.getByTestId('composer-input').fill(question);
  await page.getByTestId('send').click();

  const answer = page.getByTestId('assistant-message').last();
  await answer.waitFor({ state: 'visible', timeout: 15_000 });
  await waitFor(async () => (await answer.getAttribute('data-streaming')) === 'false',
    { timeoutMs: 60_000, message: 'the answer to finish streaming' });
  const text = (await answer.getByTestId('answer-text').textContent()) ?? '';
  expect(text.includes(answerPart), `the answer should contain "${answerPart}"; it reads: ${text.slice(0, 200)}`);

  const picture = answer.locator('figure.generated-image img');
  await waitFor(async () => (await picture.count()) === 1 && (await picture.evaluate((img) => img.complete && img.naturalWidth > 0)),
    { timeoutMs: 30_000, message: 'the drawn picture to load' });
  const shown = await picture.evaluate((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth, height: img.naturalHeight, alt: img.alt }));
  log(`picture: ${JSON.stringify(shown)}`);
  expect(shown.src.startsWith('blob:'), `the picture should come from an authorised fetch (a blob URL), not ${shown.src}`);
  expect(shown.width === size && shown.height === size, `the picture should be ${size}×${size}, it is ${shown.width}×${shown.height}`);
  expect(shown.alt === caption, `the picture's alt text should be its prompt, it is "${shown.alt}"`);
  const figcaption = (await answer.locator('figure.generated-image figcaption').textContent()) ?? '';
  expect(figcaption === caption, `the caption should be "${caption}", it is "${figcaption}"`);

  await expectAccessible(page, 'the chat page with a drawn picture');
});
