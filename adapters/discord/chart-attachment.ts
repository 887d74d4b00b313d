/**
 * An answer's embed with its chart attached as a PNG (`attachment://chart.png`), for replies
 * to commands, mentions and shared posts. The image is drawn on libuv's thread pool, so the
 * event loop keeps serving meanwhile; it is an extra: when it fails or takes too long, the
 * error is logged and the answer goes without it (its text states every figure anyway).
 */
import { type APIEmbed, AttachmentBuilder } from 'discord.js';
import type { Answer } from '../../src/answer/types.ts';
import type { Logger } from '../../src/log.ts';
import { CHART_FILE_NAME, type ChartPng, chartPngAsync } from './chart-png.ts';
import { renderEmbed } from './render.ts';

/** Longest wait for the image: a reply must still reach Discord within its 3 seconds. */
export const CHART_RENDER_TIMEOUT_MS = 1000;

export interface ChartedEmbed {
  embeds: APIEmbed[];
  files: AttachmentBuilder[];
}

export interface ChartAttachmentOptions {
  /** Draws the image; tests pass a failing one. */
  draw?: (answer: Answer) => Promise<ChartPng | undefined>;
  /** Images already drawn, shared by every handler of one bot. */
  images?: ChartImages;
  timeoutMs?: number;
}

const drawChart = (answer: Answer) => (answer.chart ? chartPngAsync(answer.chart, answer.sources) : Promise.resolve(undefined));

/** Distinct charts a bot keeps drawn: a base holds few trends, and most answers repeat. */
const IMAGES_KEPT = 32;

/**
 * The PNGs a bot has drawn, by chart and the sources it names. resvg's native memory is not
 * seen by V8's collector, so every fresh rendering grows the process; drawing each distinct
 * chart once (and sharing a drawing in progress) keeps that to a few images.
 */
export class ChartImages {
  private readonly drawn = new Map<string, Promise<ChartPng | undefined>>();

  imageOf(answer: Answer, draw: (answer: Answer) => Promise<ChartPng | undefined>): Promise<ChartPng | undefined> {
    const cited = new Set(answer.chart?.points.flatMap((p) => p.citations));
    const key = JSON.stringify([answer.chart, answer.sources.filter((s) => cited.has(s.citation))]);
    const known = this.drawn.get(key);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.drawn.delete(key);
      this.drawn.set(key, known);
      return known;
    }
    const drawing = draw(answer);
    this.drawn.set(key, drawing);
    if (this.drawn.size > IMAGES_KEPT) this.drawn.delete(this.drawn.keys().next().value as string);
    // A failed drawing is not kept: the next answer tries again.
    drawing.catch(() => {
      if (this.drawn.get(key) === drawing) this.drawn.delete(key);
    });
    return drawing;
  }
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the chart took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The embed, and the chart's PNG as a file the embed shows, when the answer has a chart that could be drawn. */
export async function chartedEmbed(answer: Answer, logger: Logger, options: ChartAttachmentOptions = {}): Promise<ChartedEmbed> {
  const embed = renderEmbed(answer);
  if (!answer.chart) return { embeds: [embed], files: [] };
  try {
    const draw = options.draw ?? drawChart;
    const drawing = options.images ? options.images.imageOf(answer, draw) : draw(answer);
    const png = await withinTime(drawing, options.timeoutMs ?? CHART_RENDER_TIMEOUT_MS);
    if (!png) return { embeds: [embed], files: [] };
    const file = new AttachmentBuilder(png.png, { name: CHART_FILE_NAME, description: png.alt });
    return { embeds: [{ ...embed, image: { url: `attachment://${CHART_FILE_NAME}` } }], files: [file] };
  } catch (error) {
    logger.error('discord: could not draw the chart; answering without it', { error, measure: answer.chart.measure });
    return { embeds: [embed], files: [] };
  }
}
