import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../src/lib/api';
import { followJob, formatClock, jobEnded } from '../src/lib/jobs';

function job(state: string, done = 0): Job {
  return {
    id: 'j1', kind: 'audiobook', state, stage: null, segments_done: done, segments_total: 4, segments_flagged: 0,
    progress: done / 4, error: null, created_at: '2025-01-01T00:00:00Z', finished_at: null, artifacts: [],
  };
}

function sse(...events: Job[]): Response {
  const text = events.map((e) => `data:${JSON.stringify(e)}\n\n`).join('');
  return new Response(new Blob([text]).stream(), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('followJob', () => {
  it('passes each streamed job view on and stops when the job ends', async () => {
    const fetch = vi.fn(async (_url: string) => sse(job('running', 1), job('running', 3), job('succeeded', 4)));
    vi.stubGlobal('fetch', fetch);
    const seen: string[] = [];
    await followJob('j1', (j) => seen.push(`${j.state}:${j.segments_done}`), new AbortController().signal);
    expect(seen).toEqual(['running:1', 'running:3', 'succeeded:4']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0][0])).toBe('/api/jobs/j1/events');
  });

  it('polls the job when the stream fails', async () => {
    let polls = 0;
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url.endsWith('/events')) return new Response('{"detail":"no streams here"}', { status: 503 });
      polls++;
      return Response.json(job(polls < 2 ? 'running' : 'failed', polls));
    }));
    vi.useFakeTimers();
    const seen: string[] = [];
    const done = followJob('j1', (j) => seen.push(j.state), new AbortController().signal);
    await vi.runAllTimersAsync();
    await done;
    vi.useRealTimers();
    expect(seen).toEqual(['running', 'failed']);
  });

  it('stops when aborted', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new DOMException('aborted', 'AbortError'); }));
    const abort = new AbortController();
    abort.abort();
    const seen: Job[] = [];
    await followJob('j1', (j) => seen.push(j), abort.signal);
    expect(seen).toEqual([]);
  });
});

describe('job helpers', () => {
  it('knows which states are final', () => {
    expect(['queued', 'running'].map((s) => jobEnded({ state: s }))).toEqual([false, false]);
    expect(['succeeded', 'failed', 'cancelled'].map((s) => jobEnded({ state: s }))).toEqual([true, true, true]);
  });
  it('formats chapter start times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(42_900)).toBe('0:42');
    expect(formatClock(725_000)).toBe('12:05');
    expect(formatClock(3_729_000)).toBe('1:02:09');
  });
});
