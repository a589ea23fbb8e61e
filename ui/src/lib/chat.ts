/** Streaming chat through POST /v1/chat/completions (agent mode: citations and voice_style in the last chunk). */
import { ApiError, authHeaders, problem, type Citation, type VoiceStyle } from './api';
import { readSse } from './sse';

export interface ChatCallbacks {
  onText(delta: string): void;
  onTool?(name: string, args: string): void;
  onDone(result: { citations: Citation[]; voiceStyle: VoiceStyle | null; finish: string | null }): void;
}

export interface ChatRequest {
  content: string;
  conversationId?: string;
  knowledgeBases?: string[];
  signal?: AbortSignal;
}

export async function streamChat(req: ChatRequest, cb: ChatCallbacks): Promise<void> {
  const body: Record<string, unknown> = {
    model: 'omnivox',
    messages: [{ role: 'user', content: req.content }],
    stream: true,
  };
  if (req.conversationId) body.conversation_id = req.conversationId;
  if (req.knowledgeBases && req.knowledgeBases.length > 0) body.knowledge_bases = req.knowledgeBases;
  let response: Response;
  try {
    response = await fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { ...authHeaders(), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: req.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', `The server could not be reached (${(e as Error).message}).`);
  }
  if (!response.ok) throw await problem(response);
  if (!response.body) throw new ApiError(0, 'No answer', 'The server sent an empty answer.');
  let citations: Citation[] = [];
  let voiceStyle: VoiceStyle | null = null;
  let finish: string | null = null;
  for await (const event of readSse(response.body, req.signal)) {
    let chunk: any;
    try {
      chunk = JSON.parse(event.data);
    } catch {
      continue;
    }
    if (chunk.error) {
      throw new ApiError(500, chunk.error.type ?? 'error', chunk.error.message ?? 'The answer failed.');
    }
    const choice = chunk.choices?.[0];
    const delta = choice?.delta;
    if (delta?.content) cb.onText(delta.content);
    if (delta?.omnivox_tool?.name) cb.onTool?.(delta.omnivox_tool.name, delta.omnivox_tool.arguments ?? '');
    if (Array.isArray(chunk.citations)) citations = chunk.citations;
    if (chunk.voice_style) voiceStyle = chunk.voice_style;
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  cb.onDone({ citations, voiceStyle, finish });
}
