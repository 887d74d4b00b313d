/**
 * What a reload reports and what it ignores: facts compared without where they stand in the
 * files; drafts, drafting.yaml, temp and swap files never reload the base.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ignoredChange, type KnowledgeReloader, watchKnowledge } from '../../app/knowledge-reload.ts';
import { createMetrics } from '../../app/ops/metrics.ts';
import { createCore } from '../../src/core.ts';
import { diffFacts, KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { collectingLogger, GAZETTE_FACTS, tmpBase, until } from './support.ts';

const open: KnowledgeReloader[] = [];
afterEach(() => open.splice(0).forEach((r) => r.close()));

it('a fact moved in its file is not a change; an edited claim is', () => {
  const base = tmpBase();
  const file = join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml');
  writeFileSync(file, GAZETTE_FACTS);
  const before = loadKnowledge(base.dir);
  writeFileSync(file, GAZETTE_FACTS.replace('facts:\n', 'facts:\n\n\n'));
  expect(diffFacts(before, loadKnowledge(base.dir))).toEqual({ added: [], changed: [], removed: [] });
  writeFileSync(file, GAZETTE_FACTS.replace('pick up in 2027', 'pick up again in 2027').replace(/ {2}- id: gazette-payment[\s\S]*$/, ''));
  expect(diffFacts(before, loadKnowledge(base.dir))).toEqual({
    added: [],
    changed: ['gazette-volkova-recovery-2027'],
    removed: ['gazette-payment-delays-friction'],
  });
});

it('names that never change answers are ignored', () => {
  for (const name of ['drafts', 'drafting.yaml', 'facts.yaml.tmp', '.facts.yaml.swp', 'x.yaml.swo', 'x.yaml~', '.#x.yaml', '4913'])
    expect(ignoredChange(name)).toBe(true);
  for (const name of ['sources.yaml', 'gazette.yaml', 'facts']) expect(ignoredChange(name)).toBe(false);
});

it('writing drafts, drafting.yaml or a temp file does not reload; a facts file does, and the metric counts it', async () => {
  const base = tmpBase();
  const holder = new KnowledgeHolder(loadKnowledge(base.dir), (k, prebuilt) => createCore(k, {}, prebuilt));
  const metrics = createMetrics();
  const { logger, lines } = collectingLogger();
  open.push(
    watchKnowledge({
      holder,
      load: () => loadKnowledge(base.dir),
      dir: base.dir,
      logger,
      debounceMs: 50,
      observe: (o, k) => metrics.knowledgeReload(o, k),
    }),
  );
  mkdirSync(join(base.dir, 'drafts'));
  writeFileSync(join(base.dir, 'drafts', 'x.yaml'), 'draft');
  writeFileSync(join(base.dir, 'drafting.yaml'), readFileSync(join(base.dir, 'measures.yaml')));
  writeFileSync(join(base.dir, 'facts', 'new.yaml.tmp'), 'half');
  await new Promise((r) => setTimeout(r, 400));
  expect(lines).toEqual([]);
  writeFileSync(join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
  // A loaded machine may take longer than any fixed wait to see the change: wait for the reload, then for a second one.
  await until(() => lines.length > 0, 5000, 'the reload');
  await new Promise((r) => setTimeout(r, 200));
  expect(lines.map((l) => l.msg)).toEqual(['knowledge reloaded']);
  const text = await metrics.registry.metrics();
  expect(text).toContain('sinorussia_knowledge_reloads_total{outcome="success"} 1');
  expect(text).toContain('sinorussia_knowledge_facts 4');
});

it('a facts/ folder replaced whole (restored from a backup) is watched again', async () => {
  const base = tmpBase();
  const holder = new KnowledgeHolder(loadKnowledge(base.dir), (k, prebuilt) => createCore(k, {}, prebuilt));
  const { logger, lines } = collectingLogger();
  open.push(watchKnowledge({ holder, load: () => loadKnowledge(base.dir), dir: base.dir, logger, debounceMs: 50 }));
  const facts = join(base.dir, 'facts');
  renameSync(facts, join(base.root, 'facts-old'));
  cpSync(join(base.root, 'facts-old'), facts, { recursive: true });
  await until(() => lines.length === 1, 2000, 'the reload after the swap of folders');
  writeFileSync(join(facts, 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
  await until(() => lines.length === 2, 2000, 'a reload from a file in the new folder');
  expect(lines[1]).toMatchObject({ msg: 'knowledge reloaded', added: expect.arrayContaining(['gazette-grain-agreement-2026-11']) });
});
