/** One Server-Sent Event: its type (`message` when none is named), its data, and the last id seen. */
export interface SseEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/**
 * Reads a `text/event-stream` as the WHATWG HTML standard defines it, from text that arrives in chunks
 * cut anywhere, a CRLF pair included. Comments (`: ping`) and `retry` carry nothing the guard uses: the
 * stream reader counts any arrival as a sign of life, and reconnects on its own schedule.
 *
 * @example new SseParser().push('id: 7\nevent: key.revoked\ndata: {}\n\n') // [{ type: 'key.revoked', … }]
 */
export class SseParser {
  private buffer = '';
  private started = false;
  /** A CR ended the last chunk: an LF that starts the next one belongs to it. */
  private afterCr = false;
  private type = '';
  private data: string[] = [];
  private lastEventId = '';

  /** Takes the next chunk of decoded text; answers the events it completed. */
  push(chunk: string): SseEvent[] {
    // An empty chunk (a decoder holding half a character gives one) must not forget a pending CR.
    if (chunk.length === 0) return [];
    let text = chunk;
    if (this.afterCr && text.startsWith('\n')) text = text.slice(1);
    this.afterCr = false;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = lineEnd(this.buffer, start);
      if (end === -1) break;
      const line = this.buffer.slice(start, end);
      if (this.buffer[end] === '\r') {
        if (end + 1 === this.buffer.length) this.afterCr = true;
        start = this.buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else start = end + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    const type = this.type || 'message';
    const data = this.data;
    this.type = '';
    this.data = [];
    if (data.length === 0) return null;
    return { type, data: data.join('\n'), lastEventId: this.lastEventId };
  }
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}
