/**
 * `npm run bench:quality [tuning|test|all] [--misses]`: scores the labelled question set
 * for the engine and two baselines (bare minisearch over the same facts, and over the raw
 * article sentences), both halves side by side unless one is named; then the same for the
 * outsiders' questions (outside.yaml), whose test half's misses are never printed. Prints;
 * asserts nothing.
 */
import { existsSync } from 'node:fs';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { createCore } from '../src/core.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import {
  bareFactsSystem,
  bareSentencesSystem,
  engineSystem,
  type Half,
  halfOfSet,
  loadQuestionSet,
  OUTSIDE_FILE,
  type QuestionSet,
  type Scores,
  score,
} from './quality/score.ts';

// The articles are not in this repository: they sit in shared/ beside it.
const SEEDS = process.env.SINORUSSIA_SEEDS ?? '../shared/seeds';
const args = process.argv.slice(2);
const halves = (['tuning', 'test', 'all'] as const).filter((h) => args.includes(h));
const showMisses = args.includes('--misses');

const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const set = loadQuestionSet(knowledge);
const outside = loadQuestionSet(knowledge, OUTSIDE_FILE);
if (!existsSync(SEEDS)) {
  console.error(`sinorussia bench:quality: the articles are not at ${SEEDS} (set SINORUSSIA_SEEDS to their folder)`);
  process.exit(2);
}
const sentences = bareSentencesSystem(knowledge, SEEDS);
const systems = [
  ['engine', engineSystem(createCore(knowledge))],
  ['bare minisearch, facts', bareFactsSystem(knowledge)],
  ['bare minisearch, sentences', sentences],
] as const;

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
console.log(
  `sinorussia bench:quality: ${set.answerable.length} answerable, ${set.offtopic.length} off-topic questions of the team's; ${outside.answerable.length} and ${outside.offtopic.length} written by outsiders`,
);
console.log(
  `(sentence baseline: ${sentences.sentences} sentences; ${sentences.unmapped.length} of ${knowledge.facts.length} facts' quotes not found whole in one sentence)`,
);
// The team's own questions, then the outsiders' (bench/quality/outside.yaml), each by half.
const parts: [string, QuestionSet, Half | 'all'][] = [];
for (const half of (halves.length > 0 ? halves : ['tuning', 'test']) as (Half | 'all')[]) parts.push(['', set, half]);
for (const half of (halves.length > 0 ? halves : ['tuning', 'test']) as (Half | 'all')[])
  parts.push(['outside questions, ', outside, half]);
for (const [label, questions, half] of parts) {
  const part = halfOfSet(questions, half);
  const traps = part.offtopic.filter((o) => o.kind === 'trap').length;
  console.log(`\n${label}${half} half: ${part.answerable.length} answerable, ${part.offtopic.length} off-topic (${traps} traps)`);
  console.log(`  ${'system'.padEnd(28)} top-1   top-5   source  traps refused  off-topic refused`);
  for (const [name, system] of systems) {
    const s: Scores = score(system, part);
    console.log(
      `  ${name.padEnd(28)} ${pct(s.top1, s.answerable)}  ${pct(s.top5, s.answerable)}  ${pct(s.rightSource, s.answerable)}  ${pct(s.trapsRefused, s.traps)}         ${pct(s.trapsRefused + s.plainRefused, s.traps + s.plain)}`,
    );
    // The outside test half's misses are never printed: reading them would make it a tuning set.
    if (showMisses && name === 'engine' && !(questions === outside && half !== 'tuning')) {
      for (const m of s.misses) console.log(`    miss: ${m.q}  -> ${m.got.join(', ') || '(no match)'}`);
      for (const m of s.sourceMisses)
        console.log(`    source miss: ${m.q}  -> credits ${m.credited.join(', ')}; wants ${m.wanted.join(', ')}`);
      for (const q of s.answeredOffTopic) console.log(`    answered off-topic: ${q}`);
    }
  }
}
