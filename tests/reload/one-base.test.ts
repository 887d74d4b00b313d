/**
 * Load test: answers requested continuously (questions, topics and digest previews, which wait
 * on the store part-way) through 20 reloads by the real watcher, flipping the base between two
 * versions whose claims carry a marker. Every answer is wholly from one base.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { watchKnowledge } from '../../app/knowledge-reload.ts';
import { createCore } from '../../src/core.ts';
import { createDigestCommands } from '../../src/digest/commands.ts';
import type { ChannelContext } from '../../src/digest/types.ts';
import { KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { sqliteBackend } from '../digest/support.ts';
import { collectingLogger, GAZETTE_FACTS, tmpBase, until } from './support.ts';

const marked = (marker: string) => GAZETTE_FACTS.replace(/^( {4}claim: .*)\.$/gm, `$1 (${marker}).`);
const QUESTIONS = [
  'grain agreement',
  'who expects trade to recover?',
  'payment delays',
  'trade',
  'tensions',
  'digest preview',
  'sources',
  'timeline trade',
];
const channel: ChannelContext = { platform: 'slack', channelId: 'C1', userId: 'U1', canManage: true };

const backend = sqliteBackend();
afterAll(() => backend.cleanup());

it('every answer through 20 reloads comes wholly from one base, one current while it ran', async () => {
  const base = tmpBase();
  const facts = join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml');
  writeFileSync(facts, marked('base-A'));
  const store = await backend.open();
  await store.saveSubscription({
    platform: 'slack',
    channelId: 'C1',
    time: '09:00',
    timeZone: 'UTC',
    topics: ['trade', 'tensions'],
    subscribedBy: 'U1',
    subscribedAt: '2026-01-01T00:00:00Z',
  });
  const load = () => loadKnowledge(base.dir, { textsDir: base.texts });
  const holder = new KnowledgeHolder(load(), (k, prebuilt) =>
    createCore(k, { digest: createDigestCommands({ store, knowledge: k }) }, prebuilt),
  );
  const { logger, lines } = collectingLogger();
  const reloader = watchKnowledge({ holder, load, dir: base.dir, textsDir: base.texts, logger, debounceMs: 30 });
  const answerer = holder.answerer();

  // Version 1 is base A; each reload flips it. An answer must come from a base that was current while it ran.
  const markerOf = (version: number) => (version % 2 === 1 ? 'base-A' : 'base-B');
  const seen = { 'base-A': 0, 'base-B': 0, mixed: [] as string[], stale: [] as string[] };
  let done = false;
  const client = async (n: number) => {
    for (let i = n; !done; i++) {
      const from = holder.snapshot.version;
      const text = JSON.stringify(await answerer.answer(answerer.parseText(QUESTIONS[i % QUESTIONS.length]), channel));
      const to = holder.snapshot.version;
      const a = text.includes('(base-A)');
      const b = text.includes('(base-B)');
      if (a && b) seen.mixed.push(text.slice(0, 300));
      const possible = new Set(Array.from({ length: to - from + 1 }, (_, k) => markerOf(from + k)));
      if ((a && !possible.has('base-A')) || (b && !possible.has('base-B'))) seen.stale.push(`v${from}-v${to}: ${text.slice(0, 200)}`);
      if (a) seen['base-A']++;
      if (b) seen['base-B']++;
      // Back to the event loop, as requests arriving from a socket would be.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const clients = [0, 1, 2, 3].map(client);
  const reloaded = () => lines.filter((l) => l.msg === 'knowledge reloaded').length;
  for (let r = 1; r <= 20; r++) {
    writeFileSync(facts, marked(r % 2 === 0 ? 'base-A' : 'base-B'));
    await until(() => reloaded() >= r, 5000, `reload ${r}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  done = true;
  await Promise.all(clients);
  reloader.close();
  await store.close();

  expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  expect(holder.snapshot.version).toBe(21);
  expect(seen.mixed).toEqual([]);
  expect(seen.stale).toEqual([]);
  expect(seen['base-A']).toBeGreaterThan(50);
  expect(seen['base-B']).toBeGreaterThan(50);
});
