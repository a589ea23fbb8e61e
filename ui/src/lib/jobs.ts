/** Studio jobs: following one live (server-sent events, polling when the stream fails), names and times. */
import { ApiError, getJson, request, type Job } from './api';
import { readSse } from './sse';

const POLL_MS = 1500;
/** Browsers allow about six connections per host: only a few jobs are streamed at once, the rest are polled. */
const MAX_STREAMS = 3;
let openStreams = 0;

export function jobEnded(job: Pick<Job, 'state'>): boolean {
  return job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled';
}

/** A job made with "review" stops after planning until its owner approves it. */
export function jobAwaitingReview(job: Pick<Job, 'state'>): boolean {
  return job.state === 'awaiting_review';
}

/** Whether the job will not move by itself: ended, or waiting for review (following it would hold a connection). */
export function jobSettled(job: Pick<Job, 'state'>): boolean {
  return jobEnded(job) || jobAwaitingReview(job);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** Streams the job's events to `onJob` until it ends or waits for review; on a broken or missing stream, polls GET /api/jobs/{id}. */
export async function followJob(id: string, onJob: (job: Job) => void, signal: AbortSignal): Promise<void> {
  const path = `/api/jobs/${encodeURIComponent(id)}`;
  if (openStreams < MAX_STREAMS) {
    openStreams++;
    try {
      const response = await request(`${path}/events`, { headers: { Accept: 'text/event-stream' }, signal });
      if (response.body) {
        for await (const event of readSse(response.body, signal)) {
          let job: Job;
          try {
            job = JSON.parse(event.data) as Job;
          } catch {
            continue;
          }
          if (signal.aborted) return;
          onJob(job);
          if (jobSettled(job)) return;
        }
      }
    } catch (e) {
      if (signal.aborted || (e as Error).name === 'AbortError') return;
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) return;
    } finally {
      openStreams--;
    }
  }
  while (!signal.aborted) {
    try {
      const job = await getJson<Job>(path);
      if (signal.aborted) return;
      onJob(job);
      if (jobSettled(job)) return;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) return;
    }
    await sleep(POLL_MS, signal);
  }
}

/** The file names of books uploaded from this browser, by job id (the job itself does not carry them). */
const NAMES = 'omnivox.studio.names';
export function jobNames(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(NAMES) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
export function rememberJobName(id: string, name: string): void {
  try {
    const names = jobNames();
    names[id] = name;
    const kept = Object.entries(names).slice(-200);
    localStorage.setItem(NAMES, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    /* storage unavailable: the list shows "Audiobook" */
  }
}

/** 0:42, 12:05, 1:02:09. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
