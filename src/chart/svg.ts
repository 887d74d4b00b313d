/**
 * A chart as an SVG bar chart: one bar per point (sources that differ on a period stand side
 * by side), outcomes solid and forecasts, targets and estimates hatched with a dashed edge,
 * the value and its bound over each bar, the period and citations under it, and a legend
 * naming the sources. Text uses one font family, which the rasteriser is given.
 */

import { citationWords, formatNumber, hasProjections, KIND_WORDS, valueMark } from './describe.ts';
import type { Chart, ChartPoint } from './types.ts';

/** A source as the legend names it (an answer's cited sources fit). */
export interface LegendSource {
  citation: number;
  title: string;
  publisher?: string;
}

export const SVG_FONT_FAMILY = 'DejaVu Sans';

/** Most bars one image draws; a longer series is left to the text. */
export const SVG_MAX_POINTS = 20;

const COLOUR = { bar: '#2f6db5', axis: '#444444', grid: '#dddddd', text: '#222222', muted: '#666666' };
const LAYOUT = {
  minWidth: 720,
  slot: 64,
  left: 80,
  right: 24,
  top: 64,
  plotHeight: 260,
  labels: 64,
  legend: 28,
  sourceLine: 18,
  bottom: 16,
};

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A round step for about four grid lines over `span`. */
function niceStep(span: number): number {
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * power;
}

function scale(points: ChartPoint[]) {
  const values = points.map((p) => p.value);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const step = niceStep(hi - lo || 1);
  const min = Math.floor(lo / step) * step;
  const max = Math.max(Math.ceil(hi / step) * step, min + step);
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min, max, ticks };
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

/** The image's size, known before drawing (tests and embeds rely on it). */
export function chartSvgSize(chart: Chart, sources: readonly LegendSource[]): { width: number; height: number } {
  const width = Math.max(LAYOUT.minWidth, LAYOUT.left + LAYOUT.right + LAYOUT.slot * chart.points.length);
  const lines = legendSources(chart, sources).length;
  const height = LAYOUT.top + LAYOUT.plotHeight + LAYOUT.labels + LAYOUT.legend + LAYOUT.sourceLine * lines + LAYOUT.bottom;
  return { width, height };
}

/** The sources the points cite, in citation order. */
function legendSources(chart: Chart, sources: readonly LegendSource[]): LegendSource[] {
  const cited = new Set(chart.points.flatMap((p) => p.citations));
  return sources.filter((s) => cited.has(s.citation)).sort((a, b) => a.citation - b.citation);
}

/** The chart as SVG, or undefined when it has no points or more bars than one image holds. */
export function chartSvg(chart: Chart, sources: readonly LegendSource[]): ChartSvg | undefined {
  if (chart.points.length === 0 || chart.points.length > SVG_MAX_POINTS) return undefined;
  const { width, height } = chartSvgSize(chart, sources);
  const plot = { left: LAYOUT.left, right: width - LAYOUT.right, top: LAYOUT.top, bottom: LAYOUT.top + LAYOUT.plotHeight };
  const { min, max, ticks } = scale(chart.points);
  const y = (v: number) => plot.bottom - ((v - min) / (max - min)) * (plot.bottom - plot.top);
  const slot = (plot.right - plot.left) / chart.points.length;
  const barWidth = Math.min(44, slot * 0.6);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${SVG_FONT_FAMILY}">`,
  );
  out.push(
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOUR.bar}" stroke-width="2.5"/></pattern></defs>`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(text(24, 36, chart.title, `font-size="20" fill="${COLOUR.text}"`));
  for (const t of ticks) {
    out.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="${COLOUR.grid}" stroke-width="1"/>`,
    );
    out.push(text(plot.left - 8, y(t) + 4, formatNumber(t), `font-size="12" fill="${COLOUR.muted}" text-anchor="end"`));
  }
  out.push(
    text(
      18,
      (plot.top + plot.bottom) / 2,
      chart.unitLabel,
      `font-size="13" fill="${COLOUR.muted}" text-anchor="middle" transform="rotate(-90 18 ${((plot.top + plot.bottom) / 2).toFixed(1)})"`,
    ),
  );
  const zero = y(Math.max(min, Math.min(0, max)));
  for (const [i, p] of chart.points.entries()) {
    const centre = plot.left + slot * (i + 0.5);
    const top = Math.min(y(p.value), zero);
    const barHeight = Math.max(Math.abs(zero - y(p.value)), 1);
    const style =
      p.kind === 'actual' ? `fill="${COLOUR.bar}"` : `fill="url(#hatch)" stroke="${COLOUR.bar}" stroke-width="2" stroke-dasharray="5 3"`;
    out.push(
      `<rect x="${(centre - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" ${style}/>`,
    );
    const labelY = p.value >= 0 ? top - 6 : top + barHeight + 16;
    out.push(text(centre, labelY, valueMark(p), `font-size="13" fill="${COLOUR.text}" text-anchor="middle"`));
    out.push(text(centre, plot.bottom + 20, cut(p.label, 12), `font-size="13" fill="${COLOUR.text}" text-anchor="middle"`));
    const kind = KIND_WORDS[p.kind];
    if (kind) out.push(text(centre, plot.bottom + 36, kind, `font-size="12" fill="${COLOUR.muted}" text-anchor="middle"`));
    out.push(
      text(
        centre,
        plot.bottom + (kind ? 52 : 36),
        citationWords(p.citations),
        `font-size="11" fill="${COLOUR.muted}" text-anchor="middle"`,
      ),
    );
  }
  out.push(
    `<line x1="${plot.left}" x2="${plot.right}" y1="${zero.toFixed(1)}" y2="${zero.toFixed(1)}" stroke="${COLOUR.axis}" stroke-width="1.5"/>`,
  );
  const legendY = plot.bottom + LAYOUT.labels + 16;
  out.push(`<rect x="24" y="${legendY - 11}" width="14" height="12" fill="${COLOUR.bar}"/>`);
  out.push(text(44, legendY, 'reported', `font-size="12" fill="${COLOUR.text}"`));
  if (hasProjections(chart)) {
    const words = [...new Set(chart.points.flatMap((p) => KIND_WORDS[p.kind] ?? []))].join(', ');
    out.push(
      `<rect x="130" y="${legendY - 11}" width="14" height="12" fill="url(#hatch)" stroke="${COLOUR.bar}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    );
    out.push(text(150, legendY, words, `font-size="12" fill="${COLOUR.text}"`));
  }
  const maxChars = Math.floor((width - 48) / 7);
  for (const [i, s] of legendSources(chart, sources).entries()) {
    const line = `[${s.citation}] ${s.title}${s.publisher ? ` (${s.publisher})` : ''}`;
    out.push(text(24, legendY + LAYOUT.legend - 6 + LAYOUT.sourceLine * i, cut(line, maxChars), `font-size="12" fill="${COLOUR.muted}"`));
  }
  out.push('</svg>');
  return { svg: out.join(''), width, height };
}
