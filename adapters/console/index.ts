/**
 * The local console as a chat adapter: what `npm start` runs when no chat platform is
 * configured. It answers on the given streams until the person quits (`ended`) or the bot
 * stops; it carries no digest.
 */
import type { Readable, Writable } from 'node:stream';
import type { ChatAdapter } from '../contract.ts';
import { CONSOLE_BANNER, startConsole } from './repl.ts';

export interface ConsoleStreams {
  input: Readable;
  output: Writable & { isTTY?: boolean };
  /** The first line printed; the README pointer for connecting a workspace unless given. */
  banner?: string;
}

export function consoleAdapter({ input, output, banner = CONSOLE_BANNER }: ConsoleStreams): ChatAdapter {
  return {
    name: 'console',
    start: async ({ answerer, logger }) => {
      const session = new AbortController();
      const ended = startConsole({ answerer, logger, input, output, banner, signal: session.signal });
      return {
        ended,
        stop: async () => {
          session.abort();
          await ended;
        },
      };
    },
  };
}
