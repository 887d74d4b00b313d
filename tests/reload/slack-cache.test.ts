/**
 * The Slack adapter keeps rendered slash answers by text; after a reload of the base the same
 * slash text must give the new base's answer, not the one rendered from the old base.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startSlack } from '../../adapters/slack/index.ts';
import { createCore } from '../../src/core.ts';
import { KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { memoryLogger } from '../../src/log.ts';
import { startFakeSlack } from '../slack/fake-slack-api.ts';
import { commandBody, FORM, post, SIGNING_SECRET } from '../slack/signed-requests.ts';
import { GAZETTE_FACTS, tmpBase } from './support.ts';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

it('a cached slash text gives the new answer after a reload', async () => {
  const base = tmpBase();
  const load = () => loadKnowledge(base.dir, { textsDir: base.texts });
  const holder = new KnowledgeHolder(load(), (k, prebuilt) => createCore(k, {}, prebuilt));
  const fake = await startFakeSlack();
  closers.push(() => fake.close());
  const slack = await startSlack(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
    { answerer: holder.answerer(), logger: memoryLogger(), onKnowledgeReload: (listener) => void holder.onReload(listener) },
  );
  closers.push(() => slack.stop());
  const endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  const ask = async (id: string) => {
    await post(endpoint, commandBody('grain agreement', fake.responseUrl(id)), FORM);
    await fake.until(() => fake.responses.some((r) => r.id === id), `the answer ${id}`);
    return JSON.stringify(fake.responses.find((r) => r.id === id)!.body);
  };
  expect(await ask('before')).not.toContain('grain export agreement');
  expect(await ask('before-again')).not.toContain('grain export agreement');
  writeFileSync(join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
  await holder.swap(load());
  expect(await ask('after')).toContain('China and Russia signed a grain export agreement in November 2026');
});
