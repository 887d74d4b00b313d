/**
 * `npm start` as a child process (bin/start.js), with only the environment a test gives it:
 * nothing from a developer's own environment or .env (its cwd is a fresh temp dir).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from '../helpers/until.ts';

const START = fileURLToPath(new URL('../../bin/start.js', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far (other lines skipped). */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code and how long after `since` (default: the spawn) it came. */
  exited: Promise<{ code: number | null; at: number }>;
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, what: string, ms?: number): Promise<Record<string, unknown>>;
  kill(): void;
}

export function startBot(env: Record<string, string | undefined>, cwd: string, options: Pick<SpawnOptions, 'uid' | 'gid'> = {}): BotProcess {
  const child = spawn(process.execPath, [START], { env: { PATH: process.env.PATH, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  const logLines = () =>
    output.split('\n').flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        return typeof parsed === 'object' && parsed !== null ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return {
    child,
    output: () => output,
    logLines,
    exited,
    async waitForLog(predicate, what, ms = 20_000) {
      await until(() => logLines().some(predicate) || child.exitCode !== null, what, ms);
      const line = logLines().find(predicate);
      if (!line) throw new Error(`the bot exited before ${what}:\n${output}`);
      return line;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
