/**
 * A chart as a bar chart in text, one line per point: the period, a bar, the value with its
 * bound and the citations. Outcomes are drawn solid and forecasts, targets and estimates
 * shaded; `ascii` draws with plain characters for terminals that show no block elements.
 */

import { hasProjections, KIND_WORDS, periodWords, valueMark } from '../../src/chart/describe.ts';
import type { Chart } from '../../src/chart/types.ts';

export interface TextChartOptions {
  /** Plain ASCII only (`#`, `:`, `-`), e.g. when the terminal is not UTF-8. */
  ascii?: boolean;
  /** Widest bar, in characters. */
  barWidth?: number;
}

const GLYPHS = {
  unicode: { actual: '█', projected: '░', negative: '▒' },
  ascii: { actual: '#', projected: ':', negative: '-' },
};

/** The chart's lines: the title, a line per point, and a key when some points are not outcomes. */
export function chartTextLines(chart: Chart, options: TextChartOptions = {}): string[] {
  const glyphs = options.ascii ? GLYPHS.ascii : GLYPHS.unicode;
  const width = options.barWidth ?? 30;
  const largest = Math.max(...chart.points.map((p) => Math.abs(p.value)), 0);
  const labels = chart.points.map((p) => periodWords(p));
  const values = chart.points.map((p) => valueMark(p, options.ascii));
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const lines = [options.ascii ? asciiOnly(chart.title) : chart.title];
  for (const [i, p] of chart.points.entries()) {
    // Any value above zero shows at least one character, so no stated figure looks like nothing.
    const length = largest === 0 ? 0 : Math.max(Math.round((Math.abs(p.value) / largest) * width), p.value === 0 ? 0 : 1);
    const glyph = p.value < 0 ? glyphs.negative : p.kind === 'actual' ? glyphs.actual : glyphs.projected;
    const label = options.ascii ? asciiOnly(labels[i]) : labels[i];
    lines.push(
      `  ${label.padEnd(labelWidth)} |${glyph.repeat(length).padEnd(width)} ${values[i].padStart(valueWidth)} ${p.citations.map((n) => `[${n}]`).join('')}`.trimEnd(),
    );
  }
  const key = [`${glyphs.actual} reported`];
  if (hasProjections(chart))
    key.push(`${glyphs.projected} ${[...new Set(chart.points.flatMap((p) => KIND_WORDS[p.kind] ?? []))].join(', ')}`);
  if (chart.points.some((p) => p.value < 0)) key.push(`${glyphs.negative} below zero`);
  lines.push(`  ${key.join('   ')}`);
  return lines;
}

/** Period labels use an en dash (`Jan–May 2023`): plain ASCII gets a hyphen. */
function asciiOnly(text: string): string {
  return text
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e]/g, '?');
}
