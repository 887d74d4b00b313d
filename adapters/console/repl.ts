/**
 * The local console: type what you would type in a workspace (`/sinorussia trade`,
 * `@sinorussia who called Putin his best friend?`) and see the answer the bot would post.
 * Ctrl-D or Ctrl-C ends it cleanly.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Core } from '../../src/core.ts';
import type { Logger } from '../../src/log.ts';
import { ANSI, PLAIN, renderTerminal } from './render.ts';

export interface ConsoleOptions {
  answerer: Core;
  logger: Logger;
  input: Readable;
  output: Writable & { isTTY?: boolean };
  /** The first line printed: why this is the console and where to read how to connect a workspace. */
  banner: string;
  /** Ends the session from outside, as Ctrl-D would (the bot stopping). */
  signal?: AbortSignal;
}

export const CONSOLE_BANNER =
  'No Slack or Discord credentials found (SLACK_BOT_TOKEN, DISCORD_TOKEN): this is the local console. ' +
  'To connect a workspace, see "Connect Slack" and "Connect Discord" in README.md.';

/** People type to the console as they would in a workspace: the bot's name before the command is not part of it. */
const ADDRESS = /^(?:[/@]?sinorussia\b[:,]?\s*)+/i;
const withoutAddress = (line: string) => line.trim().replace(ADDRESS, '');

/** Resolves when the person ends the session. */
export function startConsole({ answerer, logger, input, output, banner, signal }: ConsoleOptions): Promise<void> {
  const style = output.isTTY ? ANSI : PLAIN;
  output.write(`${banner}\nType /sinorussia help, a topic such as trade, or a question. Ctrl-D to quit.\n`);
  const rl = createInterface({ input, output, prompt: 'sinorussia> ', terminal: Boolean(output.isTTY), signal });
  rl.prompt();
  // Answers are written in the order asked, even when lines arrive faster than they are answered.
  let answered = Promise.resolve();
  let closed = false;
  const prompt = () => {
    if (!closed) rl.prompt();
  };
  rl.on('line', (line) => {
    if (line.trim() === '') return prompt();
    const answering = (async () => answerer.answer(answerer.parseText(withoutAddress(line))))();
    answered = answered.then(async () => {
      try {
        output.write(`${renderTerminal(await answering, style)}\n\n`);
      } catch (err) {
        logger.error('console answer failed', { err, input: line.slice(0, 200) });
        output.write('Sorry, something went wrong answering that. It has been logged.\n\n');
      }
      prompt();
    });
  });
  // A closed output (the console piped into `head`) ends the session instead of crashing it.
  output.on('error', () => rl.close());
  // Ctrl-C at the prompt ends the session like Ctrl-D, instead of killing the process mid-write.
  rl.on('SIGINT', () => rl.close());
  return new Promise((resolve) => {
    rl.on('close', () => {
      closed = true;
      void answered.then(() => {
        output.write('\nBye.\n');
        resolve();
      });
    });
  });
}
