/**
 * The fake Slack's digest extensions, kept apart from the shared fake: a channel history
 * (conversations.history with message metadata, built from the chat.postMessage calls that
 * landed) and the faults a digest post meets: a post that lands but whose answer is lost
 * (the connection reset), a post that lands and hangs, a 429 (Retry-After 2 s), and a
 * channel whose posts hang.
 */
import type { ServerResponse } from 'node:http';

export interface HistoryMessage {
  type: 'message';
  ts: string;
  text: unknown;
  bot_id: string;
  metadata?: unknown;
}

export type PostFault = 'land-then-reset' | 'land-then-hang' | 'hang' | 'ratelimited';

export interface FakeSlackDigest {
  /** Messages that landed, per channel, oldest first (whatever the client heard back). */
  history: Map<string, HistoryMessage[]>;
  /** The next chat.postMessage (to `channel`, or any) meets this fault. */
  faultNextPost(fault: PostFault, channel?: string): void;
  /** Faults met so far, by kind. */
  faultsMet: Record<string, number>;
  /** Every chat.postMessage to `channel` hangs, posting nothing, until `clear()`. */
  hangChannel(channel: string): void;
  clear(): void;
}

export interface DigestExtension extends FakeSlackDigest {
  /** Handles the call itself when a fault or history applies; true when it did. */
  handle(method: string, params: Record<string, unknown>, res: ServerResponse, reply: () => Record<string, unknown>): boolean;
  /** Requests left hanging, ended on close. */
  hanging: Set<ServerResponse>;
}

export function digestExtension(): DigestExtension {
  const history = new Map<string, HistoryMessage[]>();
  const faults: { fault: PostFault; channel?: string }[] = [];
  const hungChannels = new Set<string>();
  const hanging = new Set<ServerResponse>();
  const faultsMet: Record<string, number> = {};

  const land = (params: Record<string, unknown>, result: Record<string, unknown>) => {
    if (result.ok !== true || typeof result.ts !== 'string') return;
    const channel = String(params.channel);
    const list = history.get(channel) ?? [];
    list.push({
      type: 'message',
      ts: result.ts,
      text: params.text,
      bot_id: 'BBOT',
      ...(params.metadata ? { metadata: params.metadata } : {}),
    });
    history.set(channel, list);
  };
  const hang = (res: ServerResponse) => {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
  };

  return {
    history,
    hanging,
    faultsMet,
    faultNextPost: (fault, channel) => faults.push({ fault, channel }),
    hangChannel: (channel) => hungChannels.add(channel),
    clear: () => {
      faults.length = 0;
      hungChannels.clear();
    },
    handle(method, params, res, reply) {
      if (method === 'conversations.history') {
        const oldest = Number(params.oldest ?? 0);
        const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true';
        const messages = [...(history.get(String(params.channel)) ?? [])]
          .filter((m) => Number(m.ts) >= oldest)
          .reverse()
          .slice(0, Number(params.limit ?? 100))
          .map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
        res.end(JSON.stringify({ ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } }));
        return true;
      }
      if (method !== 'chat.postMessage') return false;
      const channel = String(params.channel);
      if (hungChannels.has(channel)) {
        hang(res);
        return true;
      }
      const index = faults.findIndex((f) => f.channel === undefined || f.channel === channel);
      const result = reply();
      if (index < 0) {
        land(params, result);
        res.end(JSON.stringify(result));
        return true;
      }
      const [{ fault }] = faults.splice(index, 1);
      faultsMet[fault] = (faultsMet[fault] ?? 0) + 1;
      if (fault === 'ratelimited') {
        res.writeHead(429, { 'retry-after': '2' }).end('{"ok":false,"error":"ratelimited"}');
        return true;
      }
      if (fault === 'hang') {
        hang(res);
        return true;
      }
      land(params, result);
      if (fault === 'land-then-reset') res.socket?.resetAndDestroy();
      else hang(res);
      return true;
    },
  };
}
