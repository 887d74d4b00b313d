/**
 * A reload reads and validates in a worker thread: the base that comes back (its facts in
 * batches) is the one the loader makes on the main thread, a bad base comes back with the
 * same issues, and answers asked after a reload starts are answered before its (made slow)
 * validation ends.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { watchKnowledge } from '../../app/knowledge-reload.ts';
import { createCore } from '../../src/core.ts';
import { KnowledgeError } from '../../src/errors.ts';
import { KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { FACT_BATCH, loadKnowledgeOffThread } from '../../src/knowledge/load-off-thread.ts';
import { answerText } from '../helpers/real.ts';
import { collectingLogger, GAZETTE_FACTS, tmpBase } from './support.ts';

/** Many more facts quoting the ledger: validating them takes a while, which is the point. */
function padBase(dir: string, count: number) {
  const facts = Array.from(
    { length: count },
    (_, i) =>
      `  - id: ledger-trade-copy-${i}\n    claim: China and Russia traded goods worth $240 billion in 2025 (copy ${i}).\n    topics: [trade]\n    about: "2025"\n    quote: "Bilateral trade between China and Russia reached $240 billion in 2025"\n`,
  );
  appendFileSync(join(dir, 'facts', 'ledger-2026.yaml'), facts.join(''));
}

it('the worker returns the same base the main thread loads, Maps and shared facts intact', async () => {
  const base = tmpBase();
  writeFileSync(
    join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'),
    `source: gazette-2026-trade-slips\n${GAZETTE_FACTS.split('\n').slice(1).join('\n')}`,
  );
  const here = loadKnowledge(base.dir, { textsDir: base.texts });
  const there = await loadKnowledgeOffThread(base.dir, { textsDir: base.texts });
  expect(there).toEqual(here);
  expect(there.sources).toBeInstanceOf(Map);
  expect(there.facts.length).toBe(4);
  for (const fact of there.facts) expect(there.factById.get(fact.id)).toBe(fact);
  expect(there.facts[0].about).toEqual(here.facts[0].about);
});

it('a base of several batches of facts comes back whole and in order', async () => {
  const base = tmpBase();
  padBase(base.dir, 3 * FACT_BATCH + 7);
  const here = loadKnowledge(base.dir, { textsDir: base.texts });
  const there = await loadKnowledgeOffThread(base.dir, { textsDir: base.texts });
  expect(there.facts.length).toBe(3 * FACT_BATCH + 8);
  expect(there).toEqual(here);
  for (const fact of there.facts) expect(there.factById.get(fact.id)).toBe(fact);
});

it('a bad base comes back as a KnowledgeError with the same file, line and id', async () => {
  const base = tmpBase();
  writeFileSync(
    join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'),
    GAZETTE_FACTS.replace('"We expect trade with China to recover next year"', '"We expect trade to boom"'),
  );
  const expected = (() => {
    try {
      loadKnowledge(base.dir, { textsDir: base.texts });
    } catch (error) {
      return (error as KnowledgeError).issues;
    }
    throw new Error('the bad base loaded');
  })();
  const error = await loadKnowledgeOffThread(base.dir, { textsDir: base.texts }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KnowledgeError);
  expect((error as KnowledgeError).issues).toEqual(expected);
  expect(expected.some((i) => i.id === 'gazette-volkova-recovery-2027' && i.line > 1)).toBe(true);
});

it('answers asked after a reload starts are answered before its validation ends', async () => {
  const base = tmpBase();
  const holder = new KnowledgeHolder(loadKnowledge(base.dir, { textsDir: base.texts }), (k, prebuilt) => createCore(k, {}, prebuilt));
  padBase(base.dir, 3000);
  const events: string[] = [];
  const load = () =>
    loadKnowledgeOffThread(base.dir, { textsDir: base.texts }).then((k) => {
      events.push('loaded');
      return k;
    });
  const reloader = watchKnowledge({
    holder,
    load,
    dir: base.dir,
    textsDir: base.texts,
    logger: collectingLogger().logger,
    debounceMs: 10_000,
  });
  const answerer = holder.answerer();

  const reloading = reloader.reload('test');
  let finished = false;
  void reloading.then(() => (finished = true));
  // One question per turn of the event loop until the reload is done.
  while (!finished) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (finished) break;
    const answer = answerText(answerer, 'trade');
    if (JSON.stringify(answer).includes('240 billion')) events.push('answered');
  }
  reloader.close();
  expect(await reloading).toEqual({ ok: true, version: 2 });
  expect(holder.snapshot.knowledge.facts.length).toBe(3001);
  const beforeLoad = events.indexOf('loaded');
  expect(beforeLoad).toBeGreaterThan(10);
  expect(events.slice(0, beforeLoad).filter((e) => e !== 'answered')).toEqual([]);
});
