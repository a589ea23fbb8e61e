import { describe, expect, it } from 'vitest';
import { SseParser, readSse } from '../src/lib/sse';

describe('SseParser', () => {
  it('parses data lines and dispatches on a blank line', () => {
    const p = new SseParser();
    expect(p.push('data: {"a":1}\n\ndata: [DONE]\n\n')).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('joins multi-line data with newlines', () => {
    const p = new SseParser();
    expect(p.push('data: one\ndata: two\ndata:three\n\n')).toEqual([{ event: 'message', data: 'one\ntwo\nthree' }]);
  });

  it('handles chunks split anywhere, CRLF and CR line ends', () => {
    const p = new SseParser();
    const text = 'data: hello\r\n\r\ndata: wor';
    const out = [...text].flatMap((c) => p.push(c));
    expect(out).toEqual([{ event: 'message', data: 'hello' }]);
    expect(p.push('ld\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ event: 'message', data: 'world' }]);
    expect(p.push('data: x\r\rdata: y\n\n')).toEqual([{ event: 'message', data: 'x' }, { event: 'message', data: 'y' }]);
  });

  it('ignores comments and unknown fields, keeps event names and ids', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\nretry: 10\nevent: note\nid: 7\ndata: hi\n\n')).toEqual([{ event: 'note', data: 'hi', id: '7' }]);
  });

  it('does not dispatch events without data', () => {
    const p = new SseParser();
    expect(p.push('event: x\n\n\n')).toEqual([]);
  });

  it('keeps only one leading space of a value', () => {
    const p = new SseParser();
    expect(p.push('data:  two spaces\n\n')).toEqual([{ event: 'message', data: ' two spaces' }]);
  });

  it('flushes a last event without its blank line', () => {
    const p = new SseParser();
    expect(p.push('data: tail')).toEqual([]);
    expect(p.flush()).toEqual([{ event: 'message', data: 'tail' }]);
  });
});

describe('readSse', () => {
  function stream(parts: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
    const enc = new TextEncoder();
    return new ReadableStream({
      start(controller) {
        for (const p of parts) controller.enqueue(typeof p === 'string' ? enc.encode(p) : p);
        controller.close();
      },
    });
  }

  it('stops at [DONE] and decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"c":"héllo €"}\n\n');
    const events = [];
    for await (const e of readSse(stream([bytes.slice(0, 15), bytes.slice(15), 'data: [DONE]\n\ndata: after\n\n']))) events.push(e.data);
    expect(events).toEqual(['{"c":"héllo €"}']);
  });
});
