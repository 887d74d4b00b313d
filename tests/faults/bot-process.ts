/**
 * `npm start` as a child process for fault and operator tests: its JSON log lines parsed as
 * they come, waits on them, and a stop that never leaves the process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from '../helpers/until.ts';

export const START = fileURLToPath(new URL('../../bin/start.js', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  /** Parsed log lines so far (lines that are not JSON are kept as `{ raw }`). */
  logs(): Record<string, unknown>[];
  /** Waits for a log line matching; returns it. */
  waitFor(match: (line: Record<string, unknown>) => boolean, what: string, ms?: number): Promise<Record<string, unknown>>;
  /** Exit code once exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

export function startBot(env: Record<string, string | undefined>, cwd: string): BotProcess {
  const child = spawn(process.execPath, [START], { env: { PATH: process.env.PATH, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  const lines: Record<string, unknown>[] = [];
  const take = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (!line.trim()) continue;
      try {
        lines.push(JSON.parse(line));
      } catch {
        lines.push({ raw: line });
      }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logs: () => lines,
    async waitFor(match, what, ms = 15_000) {
      await until(() => lines.some(match) || child.exitCode !== null, what, ms);
      const line = lines.find(match);
      if (!line) throw new Error(`npm start exited (${child.exitCode}) before ${what}: ${JSON.stringify(lines.slice(-5))}`);
      return line;
    },
    exited,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
