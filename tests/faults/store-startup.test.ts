/**
 * A digest store that cannot be used stops `npm start` with one line naming the file or the
 * variable, never a stack trace or a hang: a file that is not a database, one the bot may
 * not write, DATA_DIR under /proc (where a recursive mkdir spins forever). The real process.
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../stores/sql/open-store.ts';
import { tempDataDir } from '../e2e/support.ts';

const START = fileURLToPath(new URL('../../bin/start.js', import.meta.url));
/** As root, file modes bind nobody: the read-only case then runs as user nobody. */
const NOBODY = process.getuid?.() === 0 ? 65534 : undefined;

let data: ReturnType<typeof tempDataDir> | undefined;
afterEach(() => {
  if (data) chmodSync(data.dir, 0o755);
  data?.remove();
  data = undefined;
});

async function npmStart(dataDir: string, uid?: number): Promise<{ code: number | null; stderr: string; stdout: string; ms: number }> {
  const env = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: 'xoxb-store',
    SLACK_SIGNING_SECRET: 'store-secret',
    PORT: '0',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    DATA_DIR: dataDir,
  };
  const started = Date.now();
  const child = spawn(process.execPath, [START], {
    env,
    cwd: data?.dir ?? '/tmp',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.on('data', (c) => (stdout += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stderr, stdout, ms: Date.now() - started };
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('npm start with a digest store it cannot use', () => {
  it('a file that is not a database: one line naming it', async () => {
    data = tempDataDir();
    const file = join(data.dir, SQLITE_FILE);
    writeFileSync(file, 'these are notes, not a database\n'.repeat(200));
    const { code, stderr } = await npmStart(data.dir);
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([
      `sinorussia: the digest database ${file} is not a SQLite database (or is damaged); move it away or point DATA_DIR elsewhere: file is not a database`,
    ]);
  });

  it('a database the bot may not write: one line naming it', async () => {
    data = tempDataDir();
    const file = join(data.dir, SQLITE_FILE);
    const db = new SQLite(file);
    db.exec('create table notes (text)');
    db.close();
    chmodSync(file, 0o444);
    chmodSync(data.dir, 0o555);
    if (NOBODY !== undefined) chownSync(data.dir, 0, 0);
    const { code, stderr } = await npmStart(data.dir, NOBODY);
    expect(code).toBe(1);
    const [line, ...more] = lines(stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(
      new RegExp(
        `^sinorussia: the digest database ${file} cannot be written; give the bot write access to it and its folder \\(DATA_DIR\\): `,
      ),
    );
  });

  it('DATA_DIR under /proc: one line at once, not a spin', async () => {
    const { code, stderr, ms } = await npmStart('/proc/sinorussia-test/data');
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([expect.stringMatching(/^sinorussia: DATA_DIR \/proc\/sinorussia-test\/data cannot be created: ENOENT/)]);
    expect(ms).toBeLessThan(10_000);
  });
});
