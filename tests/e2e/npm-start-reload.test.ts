/**
 * `npm start` as a process, serving a base of its own (KNOWLEDGE_DIR, KNOWLEDGE_TEXTS_DIR) in
 * Socket Mode against the fake Slack: it answers from that base, and SIGHUP reloads it at once
 * (before the watcher's quiet time has passed), with the added facts logged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BotProcess, startBot } from '../helpers/bot-process.ts';
import { GAZETTE_FACTS, tmpBase } from '../reload/support.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandPayload } from '../slack/signed-requests.ts';
import { tempDataDir } from './support.ts';

let fake: FakeSlack;
let data: ReturnType<typeof tempDataDir>;
let bot: BotProcess;
const base = tmpBase();

beforeAll(async () => {
  fake = await startFakeSlack();
  data = tempDataDir();
  const env = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_APP_TOKEN: 'xapp-e2e',
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: data.dir,
    KNOWLEDGE_DIR: base.dir,
    KNOWLEDGE_TEXTS_DIR: base.texts,
  };
  bot = startBot(env, data.dir);
  await fake.until(
    () => fake.socketCount === 1 && bot.logLines().some((l) => l.msg === 'started'),
    'npm start to connect and say it started',
    15_000,
  );
});

afterAll(async () => {
  bot?.kill();
  await fake?.close();
  data?.remove();
});

const logLines = () => bot.logLines();

async function ask(text: string, id: string): Promise<string> {
  fake.sendEnvelope({
    envelope_id: `env-${id}`,
    type: 'slash_commands',
    payload: commandPayload(text, fake.responseUrl(id)),
    accepts_response_payload: true,
  });
  await fake.until(() => fake.responses.some((r) => r.id === id), `the answer ${id}`, 10_000);
  return JSON.stringify(fake.responses.find((r) => r.id === id)!.body);
}

it('answers from KNOWLEDGE_DIR, and SIGHUP reloads it with the added facts logged', async () => {
  expect(await ask('trade in 2025', 'before')).toContain('China and Russia traded goods worth $240 billion in 2025');
  expect(await ask('grain agreement', 'before-grain')).not.toContain('grain export agreement');
  writeFileSync(join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
  bot.kill('SIGHUP');
  await fake.until(() => logLines().some((l) => l.msg === 'knowledge reloaded' && l.reason === 'SIGHUP'), 'the SIGHUP reload', 10_000);
  expect(logLines().find((l) => l.msg === 'knowledge reloaded')).toMatchObject({
    reason: 'SIGHUP',
    version: 2,
    added: ['gazette-grain-agreement-2026-11', 'gazette-volkova-recovery-2027', 'gazette-payment-delays-friction'],
  });
  expect(await ask('grain agreement', 'after')).toContain('China and Russia signed a grain export agreement in November 2026');
  expect(bot.child.exitCode).toBeNull();
  bot.kill('SIGTERM');
  expect((await bot.exited).code).toBe(0);
});
