import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobSettled } from '../src/lib/jobs';
import {
  castChanges, changedLines, createPodcast, podcastFormProblem, podcastMultipart, podcastRequest, saveScript, scriptSavedMessage, withLine,
  type PodcastForm, type PodcastScript,
} from '../src/lib/studio';

function form(patch: Partial<PodcastForm> = {}): PodcastForm {
  return {
    title: '  Harbour Talk ', source: 'text', text: ' The ferry leaves at dawn. ', knowledgeBase: 'kb-1',
    hosts: [{ name: ' Ada ', voice: 'v1', persona: ' the curious one ' }, { name: 'Ben', voice: 'v2', persona: '' }],
    minutes: 6, language: 'en', tone: 'calm', review: true, ...patch,
  };
}

const SCRIPT: PodcastScript = {
  title: 'Harbour Talk', speakers: ['Ada', 'Ben'],
  sections: [
    { title: 'The tides', lines: [{ speaker: 'Ada', emotion: 'happy', text: 'Welcome back.' }, { speaker: 'Ben', emotion: 'neutral', text: 'Tides!' }] },
    { title: 'The ferry', lines: [{ speaker: 'Ada', emotion: 'neutral', text: 'The ferry.' }] },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('podcastRequest', () => {
  it('sends pasted text, trimmed, without a knowledge base', () => {
    expect(podcastRequest(form())).toEqual({
      title: 'Harbour Talk', text: 'The ferry leaves at dawn.', knowledge_base: null,
      speakers: [{ name: 'Ada', voice: 'v1', persona: 'the curious one' }, { name: 'Ben', voice: 'v2', persona: '' }],
      minutes: 6, language: 'en', tone: 'calm', review: true,
    });
  });

  it('sends only the knowledge base when that is the source (the server refuses both)', () => {
    const body = podcastRequest(form({ source: 'knowledge-base' }));
    expect(body.text).toBe('');
    expect(body.knowledge_base).toBe('kb-1');
  });

  it('sends neither text nor knowledge base for uploaded files', () => {
    const body = podcastRequest(form({ source: 'files' }));
    expect(body.text).toBe('');
    expect(body.knowledge_base).toBeNull();
  });
});

describe('podcastFormProblem', () => {
  it('accepts a complete form', () => {
    expect(podcastFormProblem(form(), [])).toBeNull();
  });

  it('names what is missing or wrong', () => {
    expect(podcastFormProblem(form({ text: '  ' }), [])).toMatch(/Paste/);
    expect(podcastFormProblem(form({ source: 'knowledge-base', knowledgeBase: '' }), [])).toMatch(/knowledge base/);
    expect(podcastFormProblem(form({ source: 'files' }), [])).toMatch(/files/);
    const six = Array.from({ length: 6 }, (_, i) => new File(['x'], `${i}.txt`));
    expect(podcastFormProblem(form({ source: 'files' }), six)).toMatch(/at most 5/);
    expect(podcastFormProblem(form({ hosts: [form().hosts[0]] }), [])).toMatch(/2 to 4 hosts/);
    expect(podcastFormProblem(form({ hosts: [form().hosts[0], { name: 'ada', voice: 'v2', persona: '' }] }), [])).toMatch(/different/);
    expect(podcastFormProblem(form({ hosts: [form().hosts[0], { name: 'B:en', voice: 'v2', persona: '' }] }), [])).toMatch(/":"/);
    expect(podcastFormProblem(form({ hosts: [form().hosts[0], { name: 'Ben', voice: '', persona: '' }] }), [])).toMatch(/voice/);
    expect(podcastFormProblem(form({ minutes: 61 }), [])).toMatch(/1 to 60/);
    expect(podcastFormProblem(form({ minutes: 0 }), [])).toMatch(/1 to 60/);
  });
});

describe('podcastMultipart', () => {
  it('holds the request as a JSON part, the sources and the music', async () => {
    const body = podcastRequest(form({ source: 'files' }));
    const a = new File(['# A'], 'a.md', { type: 'text/markdown' });
    const b = new File(['%PDF'], 'b.pdf', { type: 'application/pdf' });
    const intro = new File(['RIFF'], 'intro.wav', { type: 'audio/wav' });
    const data = podcastMultipart(body, [a, b], intro, null);

    const request = data.get('request') as Blob;
    expect(request.type).toBe('application/json');
    expect(JSON.parse(await request.text())).toEqual(body);
    expect((data.getAll('source') as File[]).map((f) => f.name)).toEqual(['a.md', 'b.pdf']);
    expect((data.get('intro') as File).name).toBe('intro.wav');
    expect(data.has('outro')).toBe(false);
  });
});

describe('createPodcast', () => {
  it('posts JSON without files and multipart with them', async () => {
    const job = { id: 'j1', state: 'queued' };
    const fetch = vi.fn(async () => new Response(JSON.stringify(job), { status: 202, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const body = podcastRequest(form());

    expect(await createPodcast(body, [])).toEqual(job);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/podcasts');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual(body);

    await createPodcast(body, [new File(['x'], 'x.txt')]);
    const [, multipart] = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect(multipart.body).toBeInstanceOf(FormData);
    expect((multipart.headers as Record<string, string>)['Content-Type']).toBeUndefined(); // the browser sets the boundary
  });

  it('turns a problem into an error carrying its detail', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ title: 'Invalid request', detail: "There is no voice 'x'." }),
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } })));
    await expect(createPodcast(podcastRequest(form()), [])).rejects.toThrow("There is no voice 'x'.");
  });
});

describe('script edits', () => {
  it('changes one line without touching the original', () => {
    const edited = withLine(SCRIPT, 1, 0, { text: 'And now, the weather.', emotion: 'calm' });
    expect(edited.sections[1].lines[0]).toEqual({ speaker: 'Ada', emotion: 'calm', text: 'And now, the weather.' });
    expect(SCRIPT.sections[1].lines[0].text).toBe('The ferry.');
    expect(edited.sections[0]).toBe(SCRIPT.sections[0]);
  });

  it('lists the changed lines by section and line, ignoring surrounding spaces', () => {
    expect(changedLines(SCRIPT, SCRIPT)).toEqual([]);
    expect(changedLines(SCRIPT, withLine(SCRIPT, 0, 1, { text: ' Tides! ' }))).toEqual([]);
    const edited = withLine(withLine(SCRIPT, 0, 1, { speaker: 'Ada' }), 1, 0, { text: 'Hello' });
    expect(changedLines(SCRIPT, edited)).toEqual(['0:1', '1:0']);
  });

  it('tells a re-render (202) from no change (200)', async () => {
    const answer = (status: number) => new Response(JSON.stringify({ id: 'j1', state: 'queued' }), { status, headers: { 'Content-Type': 'application/json' } });
    const fetch = vi.fn(async () => answer(202));
    vi.stubGlobal('fetch', fetch);
    expect((await saveScript('j1', SCRIPT)).rerendering).toBe(true);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/podcasts/j1/script');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual(SCRIPT);
    fetch.mockImplementation(async () => answer(200));
    expect((await saveScript('j1', SCRIPT)).rerendering).toBe(false);
  });
});

describe('scriptSavedMessage', () => {
  const job = (state: string) => ({ state } as unknown as import('../src/lib/api').Job);
  it('says what the server did with the edit', () => {
    expect(scriptSavedMessage(1, true, job('queued'))).toBe('Saved 1 changed line; speaking it again.');
    expect(scriptSavedMessage(2, false, job('awaiting_review'))).toBe('Saved 2 changed lines; they are spoken when you approve.');
    expect(scriptSavedMessage(1, false, job('succeeded'))).toBe('Nothing changed in the script.');
  });
});

describe('castChanges', () => {
  it('sends only the characters whose voice changed', () => {
    const cast = { narrator: 'v0', characters: [
      { name: 'Alice', lines: 3, sample: 'Hello', voice: 'v1' }, { name: 'Bob', lines: 1, sample: null, voice: 'v2' }] };
    expect(castChanges(cast, { Alice: 'v1', Bob: 'v3' })).toEqual({ Bob: 'v3' });
    expect(castChanges(cast, {})).toEqual({});
  });
});

describe('jobSettled', () => {
  it('stops following a job that waits for review', () => {
    expect(jobSettled({ state: 'awaiting_review' })).toBe(true);
    expect(jobSettled({ state: 'succeeded' })).toBe(true);
    expect(jobSettled({ state: 'running' })).toBe(false);
  });
});
