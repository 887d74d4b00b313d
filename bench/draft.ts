/**
 * `npm run bench:draft`: re-drafts each seed article and scores the draft against the curated
 * base as the answer key: recall of its figures (value, unit and period right), attributed
 * quotations (speaker right) and dated events (date right), and precision (candidates that
 * correspond to a curated fact). Each article is drafted against the base without its own
 * facts, as a new article would be. Texts: BENCH_TEXTS_DIR, KNOWLEDGE_TEXTS_DIR, or
 * ../shared/seeds. Prints; asserts nothing. BENCH_VERBOSE=1 lists what each measure missed.
 */

import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { draftSource } from '../src/draft/draft.ts';
import { scoreDraft, type Tally } from '../src/draft/score.ts';
import { readDrafting } from '../src/draft/vocabulary.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { readTexts } from '../src/knowledge/texts.ts';
import type { Knowledge } from '../src/knowledge/types.ts';

const textsDir = resolve(
  process.env.BENCH_TEXTS_DIR ?? process.env.KNOWLEDGE_TEXTS_DIR ?? new URL('../../shared/seeds', import.meta.url).pathname,
);
const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const texts = readTexts(textsDir);
const vocab = readDrafting(KNOWLEDGE_DIR);
const pct = (t: Tally) => (t.of === 0 ? '  n/a' : `${((100 * t.found) / t.of).toFixed(0).padStart(4)}%`);
const cell = (t: Tally) => `${pct(t)} (${t.found}/${t.of})`.padEnd(16);
const add = (a: Tally, b: Tally): Tally => ({ found: a.found + b.found, of: a.of + b.of });

/** The base as it was before this source: a new article's draft cannot lean on its own facts. */
function without(k: Knowledge, sourceId: string): Knowledge {
  const facts = k.facts.filter((f) => f.sourceId !== sourceId);
  return { ...k, facts, factById: new Map(facts.map((f) => [f.id, f])) };
}

console.log(`bench:draft: ${knowledge.sources.size} seed articles from ${textsDir}`);
console.log(
  `${'article'.padEnd(32)}${'figures'.padEnd(16)}${'their kinds'.padEnd(16)}${'speakers'.padEnd(16)}${'dated events'.padEnd(16)}${'precision'.padEnd(16)}draft time`,
);
let total = {
  figures: { found: 0, of: 0 },
  figureKinds: { found: 0, of: 0 },
  speakers: { found: 0, of: 0 },
  events: { found: 0, of: 0 },
  precision: { found: 0, of: 0 },
};
let slowest = 0;
for (const source of knowledge.sources.values()) {
  const text = texts.get(source.sha256);
  if (!text) {
    console.log(`${source.id.padEnd(32)}no text with sha256 ${source.sha256} in ${textsDir}`);
    process.exitCode = 1;
    continue;
  }
  const base = without(knowledge, source.id);
  draftSource(source, text, base, vocab); // warm-up: the first run compiles the patterns
  const started = performance.now();
  const draft = draftSource(source, text, base, vocab);
  const ms = performance.now() - started;
  slowest = Math.max(slowest, ms);
  const score = scoreDraft(
    draft,
    knowledge.facts.filter((f) => f.sourceId === source.id),
  );
  total = {
    figures: add(total.figures, score.figures),
    figureKinds: add(total.figureKinds, score.figureKinds),
    speakers: add(total.speakers, score.speakers),
    events: add(total.events, score.events),
    precision: add(total.precision, score.precision),
  };
  console.log(
    `${source.id.padEnd(32)}${cell(score.figures)}${cell(score.figureKinds)}${cell(score.speakers)}${cell(score.events)}${cell(score.precision)}${ms.toFixed(0)} ms`,
  );
  if (process.env.BENCH_VERBOSE) console.log(`  missed: ${JSON.stringify(score.missed)}`);
}
console.log(
  `${'overall'.padEnd(32)}${cell(total.figures)}${cell(total.figureKinds)}${cell(total.speakers)}${cell(total.events)}${cell(total.precision)}slowest ${slowest.toFixed(0)} ms`,
);
console.log('targets: figures and speakers >= 90%, dated events >= 80%, precision >= 60%, each article < 1 s');
