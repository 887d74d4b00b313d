/**
 * `npm run bench:chart`: how long a chart takes to build and render, and what it costs in
 * memory. Charts the real trade summary (3 points) and a worst case of 20 points (the most
 * one image or Slack block holds); times the PNG (SVG + resvg with the shipped font), the
 * Slack block and the text chart, p50/p99 over N renders after a warm-up, and the RSS and
 * heap growth over those renders. Wall time depends on what else the machine runs; CPU time
 * (this process's, per render) much less. Also times the chart check on answers that carry no chart,
 * the cost every other answer pays. Target: PNG p99 under 50 ms. Prints; asserts nothing.
 */
import { chartTextLines } from '../adapters/console/chart-text.ts';
import { chartPng, chartPngAsync } from '../adapters/discord/chart-png.ts';
import { chartBlock } from '../adapters/slack/chart-block.ts';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { chartFor } from '../src/chart/build.ts';
import { chartFiguresOf } from '../src/chart/from-items.ts';
import type { Chart } from '../src/chart/types.ts';
import { createAnswerer } from '../src/commands/index.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';

const N = Number(process.env.BENCH_CHART_RENDERS ?? 300);
const WARM_UP = 20;
const COMPANIONS = { 'bilateral-trade-target': 'bilateral-trade' };

const answerer = createAnswerer(loadKnowledge(KNOWLEDGE_DIR));
const trade = answerer.answerNow(answerer.parseText('trade'));
const tradeChart = chartFor(chartFiguresOf(trade.items), { companions: COMPANIONS });
if (!tradeChart) throw new Error('bench: the trade summary gave no chart');

/** Twenty years shaped like the real trade points, a target every fourth year. */
function twentyPoints(base: Chart): Chart {
  const [point] = base.points;
  const points = Array.from({ length: 20 }, (_, i) => {
    const year = String(2004 + i);
    return {
      ...point,
      period: year,
      label: year,
      sortKey: `${year}-01-01`,
      value: 40 + 9 * i,
      kind: i % 4 === 3 ? ('target' as const) : ('actual' as const),
      citations: [1 + (i % trade.sources.length)],
    };
  });
  return { ...base, points };
}
const bigChart = twentyPoints(tradeChart);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const delta = (bytes: number) => `${bytes < 0 ? '-' : '+'}${(Math.abs(bytes) / 1024 / 1024).toFixed(1)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;

function measure(name: string, run: () => unknown, renders = N): void {
  for (let i = 0; i < WARM_UP; i += 1) run();
  gc?.();
  const before = process.memoryUsage();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < renders; i += 1) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    if (run() === undefined) throw new Error(`bench: ${name} rendered nothing`);
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  gc?.();
  const after = process.memoryUsage();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const ms = (v: number) => `${v < 0.1 ? v.toFixed(4) : v.toFixed(2)} ms`;
  console.log(
    `${name.padEnd(38)} wall p50 ${ms(percentile(times, 50)).padStart(10)} p99 ${ms(percentile(times, 99)).padStart(10)}  ` +
      `cpu p50 ${ms(percentile(cpu, 50)).padStart(10)} p99 ${ms(percentile(cpu, 99)).padStart(10)}  ` +
      `rss ${delta(after.rss - before.rss)}  heap ${delta(after.heapUsed - before.heapUsed)}  (${renders})`,
  );
}

/** Wall time of the off-main-thread render, and how long the event loop was held at most meanwhile. */
async function measureAsync(name: string, chart: Chart): Promise<void> {
  for (let i = 0; i < WARM_UP; i += 1) await chartPngAsync(chart, trade.sources);
  const times: number[] = [];
  let longestTick = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestTick = Math.max(longestTick, now - last);
    last = now;
  }, 1);
  for (let i = 0; i < N; i += 1) {
    const start = performance.now();
    if ((await chartPngAsync(chart, trade.sources)) === undefined) throw new Error(`bench: ${name} rendered nothing`);
    times.push(performance.now() - start);
  }
  clearInterval(ticker);
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(38)} wall p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms p99 ${percentile(times, 99).toFixed(2).padStart(7)} ms  longest event-loop gap ${longestTick.toFixed(1)} ms  (${N})`,
  );
}

console.log(`node ${process.version}, ${gc ? 'gc between runs' : 'no --expose-gc: memory deltas include garbage'}`);
measure('PNG, trade summary (3 points)', () => chartPng(tradeChart, trade.sources));
measure('PNG, 20 points', () => chartPng(bigChart, trade.sources));
await measureAsync('PNG off the main thread, 3 points', tradeChart);
await measureAsync('PNG off the main thread, 20 points', bigChart);
measure('Slack block, trade summary', () => chartBlock(tradeChart), N * 100);
measure('Slack block, 20 points', () => chartBlock(bigChart), N * 100);
measure('text chart, 20 points', () => chartTextLines(bigChart), N * 100);
measure('chartFor, trade summary', () => chartFor(chartFiguresOf(trade.items), { companions: COMPANIONS }), N * 100);
for (const question of ['timeline', 'help', 'energy imports']) {
  const answer = answerer.answerNow(answerer.parseText(question));
  measure(`no chart: chartFor("${question}")`, () => chartFor(chartFiguresOf(answer.items), { companions: COMPANIONS }) ?? null, N * 10);
}
const png = chartPng(tradeChart, trade.sources);
console.log(`trade summary PNG: ${png?.width}×${png?.height}, ${png?.png.length} bytes; alt text ${png?.alt.length} characters`);
