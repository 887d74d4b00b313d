/**
 * `npm start` (bin/start.js) as a child process, with only the environment a test gives it:
 * nothing from a developer's own environment or .env (its cwd is a fresh temp dir). Log lines
 * are parsed as they arrive, so a line keeps its identity across calls (tests compare order).
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './until.ts';

export const START = fileURLToPath(new URL('../../bin/start.js', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Log lines so far, parsed once each (a line that is not JSON is kept as `{ raw }`). */
  logLines(): Record<string, unknown>[];
  /** Waits for a log line matching; returns it, or throws if the bot exits first. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, what: string, ms?: number): Promise<Record<string, unknown>>;
  /** The exit code, and when it came (ms since the epoch). */
  exited: Promise<{ code: number | null; at: number }>;
  /** Sends the signal unless the process has already ended. */
  kill(signal?: NodeJS.Signals): void;
}

/** `stdin: 'pipe'`: the test types into `child.stdin` (the console); no input otherwise. */
export function startBot(
  env: Record<string, string | undefined>,
  cwd: string,
  options: Pick<SpawnOptions, 'uid' | 'gid'> & { stdin?: 'pipe' | 'ignore' } = {},
): BotProcess {
  const { stdin = 'ignore', ...ids } = options;
  const child = spawn(process.execPath, [START], { env: { PATH: process.env.PATH, ...env }, cwd, stdio: [stdin, 'pipe', 'pipe'], ...ids });
  let output = '';
  let pending = '';
  const lines: Record<string, unknown>[] = [];
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    pending += text;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (!line.trim()) continue;
      try {
        const parsed = JSON.parse(line) as unknown;
        lines.push(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { raw: line });
      } catch {
        lines.push({ raw: line });
      }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  return {
    child,
    output: () => output,
    logLines: () => lines,
    async waitForLog(match, what, ms = 20_000) {
      await until(() => lines.some(match) || child.exitCode !== null, what, ms);
      const line = lines.find(match);
      if (!line) throw new Error(`npm start exited (${child.exitCode}) before ${what}:\n${output.slice(-2000)}`);
      return line;
    },
    exited,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
