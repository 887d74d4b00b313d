/**
 * `npm run bench`: index build time, query latency (p50/p99) over a mix of topic, question
 * and typo queries, and resident memory, for the real base and a synthetic base of 100,000
 * facts; beside each, the same queries on a bare minisearch index over the same facts, so
 * the cost of the engine's own layers shows as a ratio. Also the wall time of a one-shot
 * `sinorussia ask`. Prints figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import MiniSearch from 'minisearch';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { createCore } from '../src/core.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import type { Fact, Knowledge } from '../src/knowledge/types.ts';
import { synthetic } from './synthetic.ts';

const QUERIES = [
  'trade',
  'energy',
  'military',
  'trdae',
  'enrgy',
  'timeline leaders',
  'how big is the gas deal',
  'who called Putin his best friend?',
  'arms import share',
  'no limits declaration',
  'BRICS expansion',
  'friction in Central Asia',
  'trade figures by year',
  'weather in Paris',
  'Mishustin visit',
  'how much energy does China buy from Russia',
  'dedollarisation',
  'sanctions after Crimea',
  'miltary exercises',
  'LNG',
];

const ms = (n: number) => `${n.toFixed(3)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Latency {
  p50: number;
  p99: number;
}

function trial(run: (q: string) => unknown, rounds: number): Latency {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * p50 and p99 over `rounds` passes of the query mix, measured in five trials once the JIT has
 * settled (`warmRounds` passes first, as a bot that has answered for a few seconds is warm);
 * the median trial is reported with the spread of p99, since a shared VM's pauses vary run to
 * run. `cold` is the first `rounds` passes, before any warm-up: what the first answers after a
 * start meet while V8 is still optimising on the second core.
 */
function latencies(
  run: (q: string) => unknown,
  rounds: number,
  warmRounds: number,
): Latency & { p99range: [number, number]; cold: Latency } {
  const cold = trial(run, rounds);
  for (let r = 0; r < warmRounds; r++) for (const q of QUERIES) run(q);
  const trials = Array.from({ length: 5 }, () => trial(run, rounds));
  const p99s = trials.map((t) => t.p99).sort((a, b) => a - b);
  const p50s = trials.map((t) => t.p50).sort((a, b) => a - b);
  return { p50: p50s[2], p99: p99s[2], p99range: [p99s[0], p99s[4]], cold };
}

function bareIndex(facts: Fact[]) {
  const index = new MiniSearch({ fields: ['claim', 'quote'], idField: 'n' });
  index.addAll(facts.map((f, n) => ({ n, claim: f.claim, quote: f.quote })));
  return index;
}

function measure(name: string, knowledge: Knowledge, rounds: number, warmRounds: number) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let t = performance.now();
  const answerer = createCore(knowledge);
  const build = performance.now() - t;
  const rss = process.memoryUsage().rss;
  const engine = latencies((q) => answerer.answerNow(answerer.parseText(q)), rounds, warmRounds);

  t = performance.now();
  const bare = bareIndex(knowledge.facts);
  const bareBuild = performance.now() - t;
  const bareLatency = latencies((q) => bare.search(q, { prefix: true, fuzzy: 0.2 }), rounds, warmRounds);

  console.log(`\n${name}: ${knowledge.facts.length.toLocaleString('en')} facts`);
  console.log(`  index build      engine ${ms(build)}   bare minisearch ${ms(bareBuild)}   ratio ${(build / bareBuild).toFixed(1)}x`);
  console.log(
    `  query p50        engine ${ms(engine.p50)}   bare minisearch ${ms(bareLatency.p50)}   ratio ${(engine.p50 / bareLatency.p50).toFixed(1)}x`,
  );
  console.log(
    `  query p99        engine ${ms(engine.p99)}   bare minisearch ${ms(bareLatency.p99)}   ratio ${(engine.p99 / bareLatency.p99).toFixed(1)}x`,
  );
  console.log(
    `  p99 over 5 trials  engine ${ms(engine.p99range[0])} to ${ms(engine.p99range[1])}   bare ${ms(bareLatency.p99range[0])} to ${ms(bareLatency.p99range[1])}`,
  );
  console.log(
    `  before warm-up     engine p50 ${ms(engine.cold.p50)} p99 ${ms(engine.cold.p99)}   bare p50 ${ms(bareLatency.cold.p50)} p99 ${ms(bareLatency.cold.p99)}   (first ${(rounds * QUERIES.length).toLocaleString('en')} answers)`,
  );
  console.log(`  resident memory  ${mib(rss)} after build (+${mib(rss - before)})`);
}

function oneShot(): number[] {
  const runs: number[] = [];
  // The bin runs the bundle only when it is fresher than the sources: build it first.
  execFileSync('node', ['scripts/build.js']);
  execFileSync('node', ['bin/sinorussia.js', 'ask', 'warm the cache']);
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    execFileSync('node', ['bin/sinorussia.js', 'ask', 'how big is the gas deal']);
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b);
}

const real = loadKnowledge(KNOWLEDGE_DIR);
console.log(`sinorussia bench, node ${process.version}, ${QUERIES.length} queries (topics, questions, typos, off-topic)`);
measure('real base', real, 100, 400);
measure('synthetic base', synthetic(real, 100_000), 10, 20);
const shots = oneShot();
console.log(
  `\none-shot \`node bin/sinorussia.js ask\` wall time: median ${shots[3].toFixed(0)} ms, max ${shots[6].toFixed(0)} ms (7 runs, bundled build, warm cache)`,
);
