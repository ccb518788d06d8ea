import type { ProgressEvent } from '@/lib/progress/events';

export type SseMessage = { id: string; event: string; data: ProgressEvent; receivedAt: number };

/** Reads an SSE byte stream into messages; stops after `limit` messages (then aborts) or at its end. */
export async function readSse(stream: ReadableStream<Uint8Array>, opts: { limit?: number; abort?: AbortController } = {}): Promise<SseMessage[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      if (!fields.data) continue;
      messages.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data) as ProgressEvent, receivedAt: Date.now() });
      if (opts.limit && messages.length >= opts.limit) {
        opts.abort?.abort();
        await reader.cancel().catch(() => {});
        return messages;
      }
    }
  }
  return messages;
}
