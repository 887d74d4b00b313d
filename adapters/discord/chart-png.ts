/**
 * A chart as a PNG for a Discord embed (`attachment://chart.png`), rasterised on the server
 * with resvg. Text is drawn only with the font shipped in assets/fonts, never the machine's,
 * so the image is the same wherever the bot runs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { chartWords } from '../../src/chart/describe.ts';
import { chartSvg, type LegendSource, SVG_FONT_FAMILY } from '../../src/chart/svg.ts';
import type { Chart } from '../../src/chart/types.ts';
import { SinorussiaError } from '../../src/errors.ts';

export const CHART_FILE_NAME = 'chart.png';

/** Discord's limit for an attachment's description, which clients read out as alt text. */
export const ALT_TEXT_MAX = 1024;

export interface ChartPng {
  png: Buffer;
  name: typeof CHART_FILE_NAME;
  /** Every point with its period, value and citations, then the sources when they fit. */
  alt: string;
  width: number;
  height: number;
}

// From adapters/discord/ in the sources, or from dist/ in the bundle.
const FONT_CANDIDATES = ['../../assets/fonts/DejaVuSans-subset.ttf', '../assets/fonts/DejaVuSans-subset.ttf'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

/** The shipped font file; a missing one is a broken install, said plainly. */
export function chartFontFile(): string {
  const found = FONT_CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new SinorussiaError('BAD_CONFIG', `the chart font is missing (looked for ${FONT_CANDIDATES.join(', ')})`, FONT_CANDIDATES);
  return found;
}

/** Alt text naming every point; the sources follow when there is room. */
export function chartAltText(chart: Chart, sources: readonly LegendSource[]): string | undefined {
  const points = chartWords(chart);
  const cited = new Set(chart.points.flatMap((p) => p.citations));
  const named = sources.filter((s) => cited.has(s.citation)).map((s) => `[${s.citation}] ${s.title}`);
  const full = named.length > 0 ? `${points} Sources: ${named.join('; ')}.` : points;
  if (full.length <= ALT_TEXT_MAX) return full;
  return points.length <= ALT_TEXT_MAX ? points : undefined;
}

function renderOptions(fontFile: string): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: SVG_FONT_FAMILY, sansSerifFamily: SVG_FONT_FAMILY },
    fitTo: { mode: 'original' },
    background: '#ffffff',
  };
}

/**
 * The chart as a PNG with its alt text, or undefined when it cannot be drawn or described in
 * full (too many points): the answer's text still carries every figure.
 */
export function chartPng(chart: Chart, sources: readonly LegendSource[], options: { fontFile?: string } = {}): ChartPng | undefined {
  const drawn = chartSvg(chart, sources);
  const alt = chartAltText(chart, sources);
  if (!drawn || !alt) return undefined;
  const image = new Resvg(drawn.svg, renderOptions(options.fontFile ?? chartFontFile())).render();
  return { png: image.asPng(), name: CHART_FILE_NAME, alt, width: image.width, height: image.height };
}

/** The same image, laid out and rasterised on libuv's thread pool so a bot's event loop keeps serving. */
export async function chartPngAsync(
  chart: Chart,
  sources: readonly LegendSource[],
  options: { fontFile?: string } = {},
): Promise<ChartPng | undefined> {
  const drawn = chartSvg(chart, sources);
  const alt = chartAltText(chart, sources);
  if (!drawn || !alt) return undefined;
  const image = await renderAsync(drawn.svg, renderOptions(options.fontFile ?? chartFontFile()));
  return { png: image.asPng(), name: CHART_FILE_NAME, alt, width: image.width, height: image.height };
}
