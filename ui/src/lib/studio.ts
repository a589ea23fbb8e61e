/**
 * Studio calls beyond the job itself: new podcasts (JSON, or multipart with uploaded sources and music), a podcast's
 * script and its edits, an audiobook's cast, approving a job that waits for review, and voice previews.
 */
import { request, sendJson, type Job } from './api';

/** One host of a podcast: the name they are called by, a voice id from /v1/voices, and who they are. */
export interface Host {
  name: string;
  voice: string;
  persona: string;
}

/** The JSON body of POST /api/podcasts (and its multipart 'request' part). */
export interface PodcastRequest {
  title: string;
  text: string;
  knowledge_base: string | null;
  speakers: Host[];
  minutes: number;
  language: string;
  tone: string;
  review: boolean;
}

/** What the new-podcast form holds. */
export interface PodcastForm {
  title: string;
  source: 'text' | 'knowledge-base' | 'files';
  text: string;
  knowledgeBase: string;
  hosts: Host[];
  minutes: number;
  language: string;
  tone: string;
  review: boolean;
}

export const MIN_HOSTS = 2;
export const MAX_HOSTS = 4;
export const MAX_SOURCE_FILES = 5;

/**
 * The request for the form: only the chosen source is sent (the server refuses text and a knowledge base together),
 * blank optional fields are left empty so that the server's defaults apply.
 */
export function podcastRequest(form: PodcastForm): PodcastRequest {
  return {
    title: form.title.trim(),
    text: form.source === 'text' ? form.text.trim() : '',
    knowledge_base: form.source === 'knowledge-base' && form.knowledgeBase ? form.knowledgeBase : null,
    speakers: form.hosts.map((h) => ({ name: h.name.trim(), voice: h.voice, persona: h.persona.trim() })),
    minutes: form.minutes,
    language: form.language,
    tone: form.tone.trim(),
    review: form.review,
  };
}

/** Why the form cannot be sent yet, or null when it can (the server checks again; this only spares a round trip). */
export function podcastFormProblem(form: PodcastForm, files: File[]): string | null {
  if (form.source === 'text' && !form.text.trim()) return 'Paste the text the hosts should talk about.';
  if (form.source === 'knowledge-base' && !form.knowledgeBase) return 'Choose a knowledge base.';
  if (form.source === 'files' && files.length === 0) return 'Choose the files the hosts should talk about.';
  if (form.source === 'files' && files.length > MAX_SOURCE_FILES) return `Choose at most ${MAX_SOURCE_FILES} files.`;
  if (form.hosts.length < MIN_HOSTS || form.hosts.length > MAX_HOSTS) return `A podcast has ${MIN_HOSTS} to ${MAX_HOSTS} hosts.`;
  const names = form.hosts.map((h) => h.name.trim().toLowerCase());
  if (names.some((n) => !n)) return 'Give every host a name.';
  if (names.some((n) => n.includes(':'))) return 'A host’s name cannot contain ":".';
  if (new Set(names).size !== names.length) return 'Give every host a different name.';
  if (form.hosts.some((h) => !h.voice)) return 'Choose a voice for every host.';
  if (!Number.isInteger(form.minutes) || form.minutes < 1 || form.minutes > 60) return 'An episode lasts 1 to 60 minutes.';
  return null;
}

/**
 * The multipart body: the request as a JSON part named 'request', 1 to 5 'source' files, and the optional 'intro'
 * and 'outro' music.
 */
export function podcastMultipart(body: PodcastRequest, sources: File[], intro?: File | null, outro?: File | null): FormData {
  const form = new FormData();
  form.append('request', new Blob([JSON.stringify(body)], { type: 'application/json' }));
  for (const file of sources) form.append('source', file, file.name);
  if (intro) form.append('intro', intro, intro.name);
  if (outro) form.append('outro', outro, outro.name);
  return form;
}

/** POST /api/podcasts: JSON without files, multipart with them. Answers the new job. */
export async function createPodcast(body: PodcastRequest, sources: File[], intro?: File | null, outro?: File | null): Promise<Job> {
  if (sources.length === 0 && !intro && !outro) return sendJson<Job>('POST', '/api/podcasts', body);
  const response = await request('/api/podcasts', {
    method: 'POST', body: podcastMultipart(body, sources, intro, outro), headers: { Accept: 'application/json' },
  });
  return (await response.json()) as Job;
}

// --- the script ---------------------------------------------------------------------------------------------------

export interface ScriptLine {
  speaker: string;
  emotion: string;
  text: string;
}
export interface ScriptSection {
  title: string;
  lines: ScriptLine[];
}
export interface PodcastScript {
  title: string;
  speakers: string[];
  sections: ScriptSection[];
}

/** The emotions the server keeps (PodcastScript.EMOTIONS); any other is read as neutral. */
export const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'fearful', 'disgusted', 'excited', 'calm'];

export function scriptPath(jobId: string): string {
  return `/api/podcasts/${encodeURIComponent(jobId)}/script`;
}

/** A copy of `script` with one line replaced (the script is kept immutable for the editor's state). */
export function withLine(script: PodcastScript, section: number, line: number, patch: Partial<ScriptLine>): PodcastScript {
  return {
    ...script,
    sections: script.sections.map((s, si) => si !== section ? s : {
      ...s, lines: s.lines.map((l, li) => li !== line ? l : { ...l, ...patch }),
    }),
  };
}

/** The places ("section:line") whose speaker, emotion or text (ignoring surrounding spaces) differ. */
export function changedLines(before: PodcastScript, after: PodcastScript): string[] {
  const changed: string[] = [];
  after.sections.forEach((section, s) => section.lines.forEach((line, l) => {
    const old = before.sections[s]?.lines[l];
    if (!old || old.speaker !== line.speaker || old.emotion !== line.emotion || old.text.trim() !== line.text.trim()) {
      changed.push(`${s}:${l}`);
    }
  }));
  return changed;
}

/** PUT the edited script: 202 with the job re-rendering the changed lines, 200 with it unchanged. */
export async function saveScript(jobId: string, script: PodcastScript): Promise<{ job: Job; rerendering: boolean }> {
  const response = await request(scriptPath(jobId), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(script),
  });
  return { job: (await response.json()) as Job, rerendering: response.status === 202 };
}

/**
 * What saving the script did: after rendering, a 202 speaks the changed lines again and a 200 means nothing changed;
 * while the job waits for review the server answers 200 and only the plan changes (nothing is spoken before approval).
 */
export function scriptSavedMessage(changed: number, rerendering: boolean, job: Job): string {
  const lines = changed === 1 ? '1 changed line' : `${changed} changed lines`;
  if (job.state === 'awaiting_review') return `Saved ${lines}; ${changed === 1 ? 'it is' : 'they are'} spoken when you approve.`;
  if (rerendering) return `Saved ${lines}; speaking ${changed === 1 ? 'it' : 'them'} again.`;
  return 'Nothing changed in the script.';
}

// --- the cast of an audiobook and review ---------------------------------------------------------------------------

export interface CastMember {
  name: string;
  lines: number;
  sample: string | null;
  voice: string;
}
export interface Cast {
  narrator: string;
  characters: CastMember[];
}

/** The body of PUT /api/audiobooks/{id}/cast: character name to voice id, only for the characters recast. */
export function castChanges(before: Cast, voices: Record<string, string>): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const c of before.characters) {
    const voice = voices[c.name];
    if (voice && voice !== c.voice) changes[c.name] = voice;
  }
  return changes;
}

/** POST /api/jobs/{id}/approve: a job waiting for review is rendered (409 in any other state). */
export async function approveJob(jobId: string): Promise<Job> {
  const response = await request(`/api/jobs/${encodeURIComponent(jobId)}/approve`, { method: 'POST', headers: { Accept: 'application/json' } });
  return (await response.json()) as Job;
}

// --- voice previews ------------------------------------------------------------------------------------------------

/** POST /v1/voices/{id}/preview: a short WAV of the voice saying `text` (or the server's sample sentence). */
export async function previewVoice(voice: string, text?: string, signal?: AbortSignal): Promise<Blob> {
  const body = text && text.trim() ? { text: text.trim() } : {};
  const response = await request(`/v1/voices/${encodeURIComponent(voice)}/preview`, {
    method: 'POST', signal,
    headers: { 'Content-Type': 'application/json', Accept: 'audio/wav' },
    body: JSON.stringify(body),
  });
  const blob = await response.blob();
  return blob.type ? blob : new Blob([blob], { type: 'audio/wav' });
}
