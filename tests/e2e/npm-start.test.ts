/**
 * `npm start` itself, as a process: bin/start.js with a Slack bot token and an app token in its
 * environment starts Socket Mode against the fake Slack, answers a slash command that comes down
 * the link, survives a null payload on it, and on SIGTERM stops (closing the link and the
 * database) and exits with 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandPayload } from '../slack/signed-requests.ts';
import { tempDataDir } from './support.ts';

const REJECTION = 'unhandled rejection (kept running)';

let fake: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: BotProcess;

beforeAll(async () => {
  fake = await startFakeSlack();
  data = tempDataDir();
  bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_APP_TOKEN: 'xapp-e2e', SLACK_API_URL: fake.apiUrl, DATA_DIR: data.dir }, data.dir);
  await bot.waitForLog((line) => line.msg === 'started', 'npm start to say it started', 15_000);
  await fake.until(() => fake.socketCount === 1, 'npm start to connect', 15_000);
});

afterAll(async () => {
  bot?.kill();
  await fake?.close();
  data?.remove();
});

const errorLines = () => bot.logLines().filter((line) => line.level === 'error');

describe('npm start with Slack in Socket Mode', () => {
  it('logs that Slack started in Socket Mode, with the digest on SQLite', () => {
    expect(bot.logLines()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'slack: started', mode: 'socket' }),
        expect.objectContaining({ msg: 'started', platforms: ['slack'], digestStore: 'sqlite' }),
      ]),
    );
  });

  it('answers /sinorussia trade that arrives on the link', async () => {
    const payload = commandPayload('trade', fake.responseUrl('npm-start-trade'));
    fake.sendEnvelope({ envelope_id: 'env-npm-start', type: 'slash_commands', payload, accepts_response_payload: true });
    await fake.until(() => fake.responses.some((r) => r.id === 'npm-start-trade'), 'the answer', 10_000);
    expect(fake.acks.map((a) => a.envelope_id)).toContain('env-npm-start');
    expect(fake.responses.find((r) => r.id === 'npm-start-trade')?.body.response_type).toBe('ephemeral');
  });

  it('a null payload on the link (an unhandled rejection inside the Socket Mode client) is logged, and the process keeps answering', async () => {
    fake.sendEnvelope({ envelope_id: 'env-null', type: 'events_api', payload: null });
    await bot.waitForLog((line) => line.msg === REJECTION, 'the rejection to be logged', 10_000);
    const payload = commandPayload('energy', fake.responseUrl('npm-start-after-null'));
    fake.sendEnvelope({ envelope_id: 'env-after-null', type: 'slash_commands', payload, accepts_response_payload: true });
    await fake.until(() => fake.responses.some((r) => r.id === 'npm-start-after-null'), 'the answer after the null', 10_000);
    expect(bot.child.exitCode).toBeNull();
    // Logged once, as what it is, and nothing else went wrong.
    expect(errorLines().map((line) => line.msg)).toEqual([REJECTION]);
  });

  it('stops on SIGTERM: closes the link and exits with 0, adding no error', async () => {
    bot.kill('SIGTERM');
    const { code } = await bot.exited;
    expect(code).toBe(0);
    await fake.until(() => fake.socketCount === 0, 'the link to close');
    const messages = bot.logLines().map((line) => line.msg);
    expect(messages).toEqual(expect.arrayContaining(['stopping', 'slack: stopped']));
    expect(errorLines().map((line) => line.msg)).toEqual([REJECTION]);
  });
});
