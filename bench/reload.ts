/**
 * `npm run bench:reload`: how long a reload of the running bot's base takes (read and
 * validate, then build the index and composer), for the real base and a synthetic one of
 * 10,000 facts, and what it does to answers: latency (p50/p99/max, from a question's arrival
 * to its answer) while reloads run, against the same stream of questions without, with the
 * read and validate on the main thread and in a worker thread (as the bot does); either way
 * the index is built in slices between answers. Prints figures; asserts nothing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { type KnowledgeReloader, watchKnowledge } from '../app/knowledge-reload.ts';
import { type Core, createCore } from '../src/core.ts';
import { KnowledgeHolder } from '../src/knowledge/live.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { loadKnowledgeOffThread } from '../src/knowledge/load-off-thread.ts';
import type { Fact, Knowledge } from '../src/knowledge/types.ts';
import { createLogger } from '../src/log.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { synthetic } from './synthetic.ts';

const QUESTIONS = [
  'trade',
  'energy',
  'who called Putin his best friend?',
  'how big is the gas deal',
  'arms import share',
  'timeline leaders',
  'weather in Paris',
  'LNG',
];
const SEEDS = '/work/shared/seeds';
const quiet = createLogger({ level: 'error' });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const f = (n: number) => `${n.toFixed(1)} ms`;

/** Writes a base as a curator would have it: the real registry and vocabulary, the facts as YAML files. */
function writeBase(k: Knowledge): string {
  const dir = mkdtempSync(join(tmpdir(), 'sinorussia-bench-reload-'));
  mkdirSync(join(dir, 'facts'));
  for (const name of ['sources.yaml', 'search.yaml', 'source-names.yaml'])
    if (existsSync(join(KNOWLEDGE_DIR, name))) copyFileSync(join(KNOWLEDGE_DIR, name), join(dir, name));
  const measures = (parse(readFileSync(join(KNOWLEDGE_DIR, 'measures.yaml'), 'utf8')) as { measures: Record<string, unknown> }).measures;
  for (const fact of k.facts)
    if (fact.figure && !measures[fact.figure.measure])
      measures[fact.figure.measure] = `A synthetic variant of ${fact.figure.measure.replace(/-\d+$/, '')}.`;
  writeFileSync(join(dir, 'measures.yaml'), stringify({ measures }, { aliasDuplicateObjects: false }));
  const bySource = new Map<string, Fact[]>();
  for (const fact of k.facts) bySource.set(fact.sourceId, [...(bySource.get(fact.sourceId) ?? []), fact]);
  for (const [source, facts] of bySource) {
    const entries = facts.map((x) => ({
      id: x.id,
      claim: x.claim.slice(0, 240),
      topics: x.topics,
      about: x.about.raw,
      quote: x.quote.slice(0, 300),
      ...(x.people.length ? { people: x.people } : {}),
      ...(x.places.length ? { places: x.places } : {}),
      ...(x.saidBy ? { said_by: x.saidBy } : {}),
      ...(x.key ? { key: true } : {}),
      ...(x.figure
        ? {
            figure: {
              measure: x.figure.measure,
              value: x.figure.value,
              unit: x.figure.unit,
              ...(x.figure.currency ? { currency: x.figure.currency } : {}),
              bound: x.figure.bound,
              kind: x.figure.kind,
              ...(x.figure.periodGiven ? { period: x.figure.period.raw } : { stated_in: x.figure.period.raw }),
            },
          }
        : {}),
    }));
    writeFileSync(join(dir, 'facts', `${source}.yaml`), stringify({ source, facts: entries }, { aliasDuplicateObjects: false }));
  }
  return dir;
}

/** Questions arriving every `everyMs` for `durationMs`; each latency is from its arrival to its answer. */
async function answerStream(answer: (q: string) => unknown, durationMs: number, everyMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  let next = start;
  let i = 0;
  while (performance.now() - start < durationMs) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = performance.now();
    while (next <= now) {
      answer(QUESTIONS[i++ % QUESTIONS.length]);
      latencies.push(performance.now() - next);
      next += everyMs;
    }
  }
  return latencies.sort((a, b) => a - b);
}

const stats = (l: number[]) => `p50 ${f(percentile(l, 50))}, p99 ${f(percentile(l, 99))}, max ${f(l[l.length - 1])} (${l.length} answers)`;

/** Answers while the reloader reloads every ~0.3 s; returns the latencies and how many reloads ran. */
async function duringReloads(
  answerer: Pick<Core, 'answerNow' | 'parseText'>,
  reloader: KnowledgeReloader,
  durationMs: number,
  everyMs: number,
) {
  let reloading = true;
  let done = 0;
  const reloadLoop = (async () => {
    while (reloading) {
      const outcome = await reloader.reload('bench');
      if (!outcome.ok) throw new Error('bench: a reload failed');
      done++;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  const latencies = await answerStream((q) => answerer.answerNow(answerer.parseText(q)), durationMs, everyMs);
  reloading = false;
  await reloadLoop;
  reloader.close();
  return { latencies, done };
}

/** `everyMs`: how often a question arrives, well under what answering can keep up with (or latencies only measure the queue). */
async function bench(
  name: string,
  dir: string,
  textsDir: string | undefined,
  reloads: number,
  { everyMs, durationMs }: { everyMs: number; durationMs: number },
) {
  const load = () => loadKnowledge(dir, { textsDir });
  const holder = new KnowledgeHolder(load(), (k, prebuilt) => createCore(k, {}, prebuilt));
  const answerer = holder.answerer();
  const facts = holder.snapshot.knowledge.facts.length;

  const english = holder.snapshot.answerer.context.engine.english;
  const times: { load: number; build: number; sliced: number; worker: number }[] = [];
  for (let r = 0; r < reloads; r++) {
    const t0 = performance.now();
    const k = load();
    const t1 = performance.now();
    createCore(k, {}, { engine: new SearchEngine(k, english) });
    const t2 = performance.now();
    await holder.swap(k);
    const t3 = performance.now();
    await loadKnowledgeOffThread(dir, { textsDir });
    times.push({ load: t1 - t0, build: t2 - t1, sliced: t3 - t2, worker: performance.now() - t3 });
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${name}: ${facts} facts${textsDir ? ', quotes checked against the texts' : ''}`);
  console.log(
    `  reload (median of ${reloads}): read and validate ${f(med(times.map((t) => t.load)))}, build index and composer at once ${f(med(times.map((t) => t.build)))}`,
  );
  console.log(
    `  the holder's build (index in slices between answers, then the swap), start to swapped: ${f(med(times.map((t) => t.sliced)))}`,
  );
  console.log(`  read and validate in a worker thread, start to base received: ${f(med(times.map((t) => t.worker)))}`);

  const quietRun = await answerStream((q) => answerer.answerNow(answerer.parseText(q)), durationMs, everyMs);
  const onMain = await duringReloads(answerer, watchKnowledge({ holder, load, dir, textsDir, logger: quiet }), durationMs, everyMs);
  const inWorker = await duringReloads(
    answerer,
    watchKnowledge({ holder, load: () => loadKnowledgeOffThread(dir, { textsDir }), dir, textsDir, logger: quiet }),
    durationMs,
    everyMs,
  );
  console.log(`  a question every ${everyMs} ms for ${durationMs / 1000} s`);
  console.log(`  answers without reloads:                     ${stats(quietRun)}`);
  console.log(`  during ${String(onMain.done).padStart(2)} reloads, validating on the main thread: ${stats(onMain.latencies)}`);
  console.log(`  during ${String(inWorker.done).padStart(2)} reloads, validating in a worker:       ${stats(inWorker.latencies)}`);
}

const texts = process.env.KNOWLEDGE_TEXTS_DIR ?? (existsSync(SEEDS) ? SEEDS : undefined);
await bench('real base', KNOWLEDGE_DIR, texts, 9, { everyMs: 2, durationMs: 4000 });
const real = loadKnowledge(KNOWLEDGE_DIR);
const dir = writeBase(synthetic(real, 10_000));
try {
  await bench('synthetic base', dir, undefined, 3, { everyMs: 20, durationMs: 8000 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
