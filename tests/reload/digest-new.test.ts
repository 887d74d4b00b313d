/**
 * The digest and a reload: facts a reload adds are first seen when the reloaded base reaches
 * the scheduler, so the next digest counts them as new; facts it already knew keep their date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCore } from '../../src/core.ts';
import { DigestScheduler } from '../../src/digest/scheduler.ts';
import { KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { memoryLogger } from '../../src/log.ts';
import { FakeClock, sqliteBackend } from '../digest/support.ts';
import { GAZETTE_FACTS, tmpBase } from './support.ts';

const backend = sqliteBackend();
afterAll(() => backend.cleanup());

it('facts added by a reload are first seen at the tick after it', async () => {
  const base = tmpBase();
  const load = () => loadKnowledge(base.dir, { textsDir: base.texts });
  const holder = new KnowledgeHolder(load(), (k, prebuilt) => createCore(k, {}, prebuilt));
  const store = await backend.open();
  const clock = new FakeClock('2026-12-01T08:00:00Z');
  const current = () => ({ knowledge: holder.snapshot.knowledge, composer: holder.snapshot.answerer.context.composer });
  const scheduler = new DigestScheduler({
    store,
    knowledge: holder.snapshot.knowledge,
    current,
    posters: [],
    logger: memoryLogger(),
    clock,
    sleep: clock.sleep,
  });
  await scheduler.tick();
  expect(Object.fromEntries(await store.knownFacts())).toEqual({ 'ledger-trade-2025': Date.parse('2026-12-01T08:00:00Z') });

  writeFileSync(join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
  await holder.swap(load());
  clock.set('2026-12-01T10:00:00Z');
  await scheduler.tick();
  const later = Date.parse('2026-12-01T10:00:00Z');
  expect(Object.fromEntries(await store.knownFacts())).toEqual({
    'ledger-trade-2025': Date.parse('2026-12-01T08:00:00Z'),
    'gazette-grain-agreement-2026-11': later,
    'gazette-volkova-recovery-2027': later,
    'gazette-payment-delays-friction': later,
  });
  await store.close();
});
