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
  timeoutMs?: number;
}

const drawChart = (answer: Answer) => (answer.chart ? chartPngAsync(answer.chart, answer.sources) : Promise.resolve(undefined));

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
    const png = await withinTime((options.draw ?? drawChart)(answer), options.timeoutMs ?? CHART_RENDER_TIMEOUT_MS);
    if (!png) return { embeds: [embed], files: [] };
    const file = new AttachmentBuilder(png.png, { name: CHART_FILE_NAME, description: png.alt });
    return { embeds: [{ ...embed, image: { url: `attachment://${CHART_FILE_NAME}` } }], files: [file] };
  } catch (error) {
    logger.error('discord: could not draw the chart; answering without it', { error, measure: answer.chart.measure });
    return { embeds: [embed], files: [] };
  }
}
