/**
 * `npm start` refused at start-up: each failure is one line on stderr naming what to fix,
 * never a stack trace, and the process exits with 1 in seconds (not minutes of silent retries).
 */
import { chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../helpers/bot-process.ts';
import { FAKE_DISCORD_TOKEN as DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/signed-requests.ts';
import { tempDataDir } from './support.ts';

let data: ReturnType<typeof tempDataDir>;
let fake: FakeSlack;

beforeAll(async () => {
  data = tempDataDir();
  // Readable and writable by an unprivileged user too (the EACCES case runs as one).
  chmodSync(data.dir, 0o777);
  fake = await startFakeSlack();
});

afterAll(async () => {
  await fake?.close();
  data?.remove();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function refused(env: Record<string, string>, options: Parameters<typeof startBot>[2] = {}) {
  const started = Date.now();
  const bot = startBot({ DATA_DIR: data.dir, ...env }, data.dir, options);
  try {
    const { code, at } = await bot.exited;
    const lines = bot.output().trim().split('\n');
    return { code, ms: at - started, lines, last: lines.at(-1) ?? '' };
  } finally {
    bot.kill();
  }
}

const slackHttp = (extra: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: 'xoxb-startup',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  PORT: '0',
  ...extra,
});

const oneLine = (result: Awaited<ReturnType<typeof refused>>) => {
  expect(result.code).toBe(1);
  expect(result.lines.join('\n')).not.toMatch(/\n\s+at /);
  expect(result.lines.filter((l) => !l.startsWith('{'))).toHaveLength(1);
};

describe('npm start refused at start-up', () => {
  it('a bot token Slack refuses (invalid_auth): one line naming SLACK_BOT_TOKEN', async () => {
    const own = await startFakeSlack();
    try {
      own.fail('auth.test', 'invalid_auth');
      const result = await refused(slackHttp({ SLACK_API_URL: own.apiUrl }));
      oneLine(result);
      expect(result.last).toMatch(/^sinorussia: SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\)/);
    } finally {
      await own.close();
    }
  });

  it('an app-level token Slack refuses in Socket Mode: one line naming SLACK_APP_TOKEN', async () => {
    const own = await startFakeSlack();
    try {
      own.fail('apps.connections.open', 'invalid_auth');
      const result = await refused({ SLACK_BOT_TOKEN: 'xoxb-startup', SLACK_APP_TOKEN: 'xapp-startup', SLACK_API_URL: own.apiUrl });
      oneLine(result);
      expect(result.last).toMatch(/^sinorussia: SLACK_APP_TOKEN was refused by Slack \(invalid_auth\)/);
    } finally {
      await own.close();
    }
  });

  it('a port already in use: one line naming PORT and EADDRINUSE', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const result = await refused(slackHttp({ PORT: String(port) }));
      oneLine(result);
      expect(result.last).toBe(`sinorussia: PORT ${port} is already in use by another process (EADDRINUSE): choose another PORT`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a privileged port for an unprivileged user: one line naming PORT and EACCES', async () => {
    // As root any port may be listened on, so the bot runs as nobody there.
    const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = await refused(slackHttp({ PORT: '80' }), unprivileged);
    oneLine(result);
    expect(result.last).toMatch(/^sinorussia: PORT 80 may not be listened on by this user \(EACCES\)/);
  });

  it('an unreachable Slack API: a few quick retries, then one line, in seconds', async () => {
    const port = await closedPort();
    const result = await refused(slackHttp({ SLACK_API_URL: `http://127.0.0.1:${port}/api/` }));
    oneLine(result);
    expect(result.last).toBe(`sinorussia: Slack's Web API at http://127.0.0.1:${port}/api/ could not be reached (ECONNREFUSED)`);
    expect(result.ms).toBeLessThan(10_000);
  });

  it('an unreachable Discord API: one line naming it', async () => {
    const port = await closedPort();
    const result = await refused({ DISCORD_TOKEN, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    oneLine(result);
    expect(result.last).toBe(`sinorussia: Discord's API at http://127.0.0.1:${port}/api could not be reached (ECONNREFUSED)`);
  });
});
