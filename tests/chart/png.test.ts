/**
 * The Discord chart image: a real PNG of the size the layout promises, text drawn with the
 * shipped font, forecasts and targets drawn apart, and alt text naming every point.
 */
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALT_TEXT_MAX, chartFontFile, chartPng, chartPngAsync } from '../../adapters/discord/chart-png.ts';
import { chartFor } from '../../src/chart/build.ts';
import { pointWords } from '../../src/chart/describe.ts';
import { chartSvg, chartSvgSize, type LegendSource } from '../../src/chart/svg.ts';
import type { Chart } from '../../src/chart/types.ts';
import { realAnswerer } from '../helpers/real.ts';
import { alteredFigure, TRADE, TRADE_COMPANIONS, tradeFigures } from './real-figures.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const tradeChart = () => chartFor(tradeFigures(), { companions: TRADE_COMPANIONS }) as Chart;

/** The real sources behind citations 1–4 of the trade figures. */
function tradeSources(): LegendSource[] {
  const { sources } = realAnswerer().context.knowledge;
  return ['cnn-2021-unbreakable', 'ruehl-2021-convergence', 'geopolitics-2019-rapprochement', 'worldview-2023-how-close'].map((id, i) => {
    const s = sources.get(id)!;
    return { citation: i + 1, title: s.title ?? s.label ?? id, publisher: s.publisher };
  });
}

describe('chartPng', () => {
  it('is a PNG of the promised size: 720 wide, taller by a line for each cited source', () => {
    const result = chartPng(tradeChart(), tradeSources())!;
    expect(result.name).toBe('chart.png');
    // Sources 1, 2 and 4 are cited; 3 stated only the undated figure, which is not plotted.
    expect(pngSize(result.png)).toEqual({ width: 720, height: 432 + 3 * 18 });
    expect(chartSvgSize(tradeChart(), tradeSources())).toEqual(pngSize(result.png));
    expect(result.png.length).toBeGreaterThan(5_000);
  });

  it("is well formed: every chunk's CRC holds and the pixels inflate to the image's rows", () => {
    const { png, width, height } = chartPng(tradeChart(), tradeSources())!;
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const body = png.subarray(at + 4, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(body));
      chunks.push({ type: body.toString('latin1', 0, 4), data: body.subarray(4) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const rows = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    expect(rows.length).toBe((width * 4 + 1) * height);
    // Opaque white where nothing is drawn: the top-left pixel of the first row.
    expect([...rows.subarray(1, 5)]).toEqual([255, 255, 255, 255]);
  });

  it('names every point, with its period, bound, kind and citations, in the alt text', () => {
    const { alt } = chartPng(tradeChart(), tradeSources())!;
    expect(alt).toContain('Bilateral trade, USD billion.');
    for (const words of ['2018: more than 100 [1, 2]', '2022: 190 [4]', '2024 target: 200 [2]']) expect(alt).toContain(words);
    expect(alt).toContain('[4] China and Russia draw closer, but how close?');
    expect(alt).not.toContain('[3]');
    expect(alt.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
  });

  it('draws its text with the shipped font: a different title gives a different image', () => {
    expect(chartFontFile()).toMatch(/assets\/fonts\/DejaVuSans-subset\.ttf$/);
    const a = chartPng(tradeChart(), tradeSources())!.png;
    const b = chartPng({ ...tradeChart(), title: 'Bilateral trade, USD billions' }, tradeSources())!.png;
    expect(a.equals(b)).toBe(false);
  });

  it('renders the same image off the main thread', async () => {
    const sync = chartPng(tradeChart(), tradeSources())!;
    const async = await chartPngAsync(tradeChart(), tradeSources());
    expect(async?.png.equals(sync.png)).toBe(true);
    expect(async?.alt).toBe(sync.alt);
  });

  it('hatches forecasts and targets with a dashed edge and fills outcomes solid', () => {
    const { svg } = chartSvg(tradeChart(), tradeSources())!;
    const bars = svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" [^>]*\/>/g) ?? [];
    const plotted = bars.filter((b) => !/width="14"/.test(b));
    expect(plotted).toHaveLength(3);
    expect(plotted.map((b) => b.includes('url(#hatch)') && b.includes('stroke-dasharray'))).toEqual([false, false, true]);
    expect(svg).toContain('>target</text>');
  });

  it('escapes what source titles say', () => {
    const sources = tradeSources().map((s) => (s.citation === 4 ? { ...s, title: 'Trade <b>& "ties"' } : s));
    const { svg } = chartSvg(tradeChart(), sources)!;
    expect(svg).toContain('Trade &lt;b&gt;&amp; &quot;ties&quot;');
    expect(chartPng(tradeChart(), sources)).toBeDefined();
  });

  it('draws nothing for more points than one image holds: the text keeps the figures', () => {
    const figures = Array.from({ length: 21 }, (_, i) => {
      const year = String(1990 + i);
      return alteredFigure(
        TRADE.y2022,
        { value: 10 + i, period: { raw: year, start: `${year}-01-01`, end: `${year}-12-31`, label: year } },
        1,
      );
    });
    const chart = chartFor(figures)!;
    expect(chartPng(chart, tradeSources())).toBeUndefined();
    expect(chartPng({ ...chart, points: chart.points.slice(0, 20) }, tradeSources())?.alt).toContain(pointWords(chart.points[19]));
  });
});
