/**
 * `npm run docs:chart`: draws the README's picture of a chart with the Discord adapter's own
 * renderer, from the real base's answer to `trade by year`, so the picture is what users get.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chartPng } from '../adapters/discord/chart-png.ts';
import { KNOWLEDGE_DIR } from '../app/knowledge-dir.ts';
import { createCore } from '../src/core.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';

const QUESTION = 'trade by year';
const OUT = fileURLToPath(new URL('../docs/chart-trade-by-year.png', import.meta.url));

const core = createCore(loadKnowledge(KNOWLEDGE_DIR));
const answer = core.answerNow(core.parseText(QUESTION));
if (!answer.chart) throw new Error(`docs:chart: the answer to "${QUESTION}" carries no chart`);
const drawn = chartPng(answer.chart, answer.sources);
if (!drawn) throw new Error(`docs:chart: the chart of "${QUESTION}" could not be drawn`);
writeFileSync(OUT, drawn.png);
console.log(`${OUT}: ${drawn.width}×${drawn.height}, ${drawn.png.length} bytes`);
console.log(`alt: ${drawn.alt}`);
