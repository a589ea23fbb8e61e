// Chat: new conversation, a streamed answer, a citation chip and its passage.
// Env: QUESTION, ANSWER_PART, PASSAGE_PART (+ browser.mjs's).
import { env, expect, expectAccessible, scenario, testIdText, waitFor } from './browser.mjs';

const question = env('QUESTION');
const answerPart = env('ANSWER_PART');
const passagePart = env('PASSAGE_PART');

await scenario('chat', async ({ page, log }) => {
  await page.goto('/#/chat');
  await page.getByTestId('new-conversation').click();
  const input = page.getByTestId('composer-input');
  await input.fill(question);
  await page.getByTestId('send').click();
  log('question sent');

  const answer = page.getByTestId('assistant-message').last();
  await answer.waitFor({ state: 'visible', timeout: 15_000 });
  // the answer grows while it streams; it ends with data-streaming=false
  await waitFor(async () => ((await answer.getByTestId('answer-text').textContent()) ?? '').includes(answerPart),
    { timeoutMs: 60_000, message: `the answer to contain "${answerPart}"` });
  await waitFor(async () => (await answer.getAttribute('data-streaming')) === 'false', { timeoutMs: 60_000, message: 'the answer to finish streaming' });
  const text = (await answer.getByTestId('answer-text').textContent()) ?? '';
  log(`answer: ${text.slice(0, 160)}`);
  const alerts = await testIdText(page, 'alerts');
  expect(!alerts, `an error was shown: ${alerts}`);

  await expectAccessible(page, 'the chat page with an answer');

  const chip = answer.getByTestId('citation-chip').first();
  await waitFor(async () => (await answer.getByTestId('citation-chip').count()) > 0, { timeoutMs: 10_000, message: 'a citation chip under the answer' });
  log(`citation chip: ${await chip.textContent()}`);
  await chip.click();
  const panel = page.getByTestId('citation-panel');
  await panel.waitFor({ state: 'visible', timeout: 5_000 });
  const passage = (await panel.getByTestId('citation-passage').textContent()) ?? '';
  expect(passage.includes(passagePart), `the passage panel should contain "${passagePart}", it shows: ${passage.slice(0, 300)}`);
  log(`passage from ${await panel.getByTestId('citation-document').textContent()}`);
  await expectAccessible(page, 'the citation dialog');

  // the conversation is stored and listed
  await waitFor(async () => (await page.getByTestId('conversation-item').count()) > 0, { timeoutMs: 10_000, message: 'the conversation in the list' });
});
