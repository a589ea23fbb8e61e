/** Calls to the Omnivox server with the stored API key; failures become ApiError with the problem's detail. */
import { settings } from './store';

export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(detail || title || `HTTP ${status}`);
  }
}

type UnauthorizedListener = (error: ApiError) => void;
let onUnauthorized: UnauthorizedListener = () => undefined;
/** The app asks for a key when any call answers 401. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export function authHeaders(): Record<string, string> {
  const key = settings.apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** Reads an RFC 9457 problem (or any error body) into an ApiError. */
export async function problem(response: Response): Promise<ApiError> {
  let title = response.statusText;
  let detail = '';
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      title = body.title ?? title;
      detail = body.detail ?? body.message ?? body.error?.message ?? '';
    } catch {
      detail = text.slice(0, 300);
    }
  } catch {
    /* no body */
  }
  if (!detail) detail = `${response.status} ${title || 'request failed'}`;
  const error = new ApiError(response.status, title, detail);
  if (response.status === 401) onUnauthorized(error);
  return error;
}

/** fetch() with the key; throws ApiError on a non-2xx answer (and on network failure). */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string>) } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', `The server could not be reached (${(e as Error).message}).`);
  }
  if (!response.ok) throw await problem(response);
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request(path, { headers: { Accept: 'application/json' } })).json() as Promise<T>;
}

export async function sendJson<T>(method: string, path: string, body: unknown): Promise<T> {
  const response = await request(path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status === 204 ? (undefined as T) : (response.json() as Promise<T>);
}

export async function del(path: string): Promise<void> {
  await request(path, { method: 'DELETE' });
}

export async function upload<T>(path: string, fields: Record<string, string | Blob | [Blob, string]>): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) form.append(name, value[0], value[1]);
    else form.append(name, value);
  }
  return (await request(path, { method: 'POST', body: form, headers: { Accept: 'application/json' } })).json() as Promise<T>;
}

// --- shapes (see src/main/java/io/omnivox/api) ------------------------------------------------------------------

export interface Conversation {
  id: string;
  title: string | null;
  created_at: string;
  updated_at: string;
}
export interface StoredMessage {
  role: string;
  content: string;
  created_at: string;
}
export interface ConversationDetail extends Conversation {
  messages: StoredMessage[];
}
export interface Citation {
  index: number;
  document_id: string;
  title: string;
  page: number;
  section: string | null;
  score: number;
  text: string;
}
export interface VoiceStyle {
  emotion: string;
  speed: number;
}
export interface KnowledgeBase {
  id: string;
  name: string;
  documents: number;
  created_at: string;
}
export interface KbDocument {
  id: string;
  knowledge_base_id: string;
  file_name: string;
  format: string | null;
  status: 'pending' | 'processing' | 'ready' | 'failed' | string;
  error: string | null;
  pages: number | null;
  created_at: string;
}
export interface Voice {
  id: string;
  name: string;
  language: string;
  engine: string;
}
export interface OcrResponse {
  engine: string;
  text: string;
  pages: { page: number; text: string }[];
}
export interface HealthCheck {
  name: string;
  status: string;
  data?: Record<string, string | number | boolean>;
}
export interface Health {
  status: string;
  checks: HealthCheck[];
}
export type JobState = 'queued' | 'running' | 'awaiting_review' | 'succeeded' | 'failed' | 'cancelled';
export interface JobArtifact {
  name: string;
  content_type: string;
  bytes: number;
  url: string;
}
export interface Job {
  id: string;
  kind: string;
  state: JobState | string;
  stage: string | null;
  segments_done: number;
  segments_total: number;
  segments_flagged: number;
  progress: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  artifacts: JobArtifact[];
}
export interface AudiobookChapter {
  title: string;
  start_ms: number;
  end_ms: number;
  file: string;
}
export interface AudiobookReport {
  title: string;
  warnings: string[];
  chapters: AudiobookChapter[];
  segments: number;
  duration_ms: number;
}
