/**
 * A small parser for server-sent events (the text/event-stream format) fed with text as it arrives from a
 * fetch() body. Lines end with \n, \r\n or \r; a blank line dispatches the event; several `data:` lines are joined
 * with \n; lines starting with ':' are comments. Text may be split anywhere, also between \r and \n.
 */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private pendingCr = false;

  /** Feeds text and returns the events it completed. */
  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let chunk = text;
    if (this.pendingCr) {
      // a \r ended the previous chunk: a \n right after it belongs to the same line end
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
      this.pendingCr = false;
    }
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const done = this.line(line);
      if (done) events.push(done);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Ends the stream: a last event without its blank line is still dispatched. */
  flush(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) {
      const done = this.line(this.buffer);
      if (done) events.push(done);
      this.buffer = '';
    }
    const last = this.line('');
    if (last) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const done: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined) done.id = this.id;
      this.data = [];
      this.event = '';
      return done;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      default:
        break; // retry and unknown fields are ignored
    }
    return null;
  }
}

/** Reads a fetch() body as SSE; stops at `data: [DONE]` or the end of the stream. */
export async function* readSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  try {
    while (true) {
      if (signal?.aborted) return;
      const { value, done } = await reader.read();
      const events = done ? [...parser.push(decoder.decode()), ...parser.flush()] : parser.push(decoder.decode(value, { stream: true }));
      for (const e of events) {
        if (e.data === '[DONE]') return;
        yield e;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    if (signal?.aborted) body.cancel().catch(() => undefined);
  }
}
