/**
 * Charts in the console: the command line and the console adapter print the text chart
 * after the items of an answer that has one, in ASCII when the locale is not UTF-8.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isUtf8Locale } from '../../adapters/console/chart-text.ts';
import { renderTerminal } from '../../adapters/console/render.ts';
import { startConsole } from '../../adapters/console/repl.ts';
import { memoryLogger } from '../../src/log.ts';
import { cli, sink } from '../helpers/cli.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const BAR_LINE = /^ {2}(\S.*?) +\|([█░#:]+) +(>?\d+) ((?:\[\d+\])+)$/;

function chartRows(text: string) {
  return text.split('\n').flatMap((line) => {
    const m = BAR_LINE.exec(line);
    return m ? [{ label: m[1].trim(), bar: m[2], value: m[3], cites: m[4] }] : [];
  });
}

describe('charts in the console', () => {
  it('sinorussia ask trade prints a bar per point, each with its value and citations', async () => {
    const { code, out } = await cli('ask', 'trade');
    expect(code).toBe(0);
    const chart = answerText(realAnswerer(), 'trade').chart;
    expect(out).toContain(`\n${chart?.title}\n`);
    const rows = chartRows(out);
    expect(rows.map((r) => r.value)).toEqual(['>100', '190', '200']);
    expect(rows.map((r) => r.cites)).toEqual(chart?.points.map((p) => p.citations.map((n) => `[${n}]`).join('')));
    expect(rows[2].label).toBe('2024 target');
    // The chart comes after the items and before the sources.
    expect(out.indexOf(chart?.title ?? '?')).toBeGreaterThan(out.indexOf('China–Russia trade hit a record $190 billion'));
    expect(out.indexOf(chart?.title ?? '?')).toBeLessThan(out.indexOf('\nSources\n'));
  });

  it('draws in ASCII when asked (a non-UTF-8 locale), solid for outcomes and shaded for the target', () => {
    const text = renderTerminal(answerText(realAnswerer(), 'trade'), undefined, { ascii: true });
    const rows = chartRows(text);
    expect(rows.map((r) => r.bar.replace(/#+/, '#').replace(/:+/, ':'))).toEqual(['#', '#', ':']);
    expect(text.split('\n').filter((line) => BAR_LINE.test(line) && !/^[\x20-\x7e]*$/.test(line))).toEqual([]);
  });

  it('reads the locale as the C library does', () => {
    expect(isUtf8Locale({ LANG: 'en_GB.UTF-8' }, 'linux')).toBe(true);
    expect(isUtf8Locale({ LC_ALL: 'C', LANG: 'en_GB.UTF-8' }, 'linux')).toBe(false);
    expect(isUtf8Locale({ LC_CTYPE: 'de_DE.utf8' }, 'linux')).toBe(true);
    expect(isUtf8Locale({}, 'linux')).toBe(false);
  });

  it('an answer without a chart prints no bars', () => {
    expect(chartRows(renderTerminal(answerText(realAnswerer(), 'help')))).toEqual([]);
  });

  it('the console adapter shows the chart for trade', async () => {
    const input = new PassThrough();
    const output = sink();
    const session = new AbortController();
    const ended = startConsole({
      answerer: realAnswerer(),
      logger: memoryLogger(),
      input,
      output: output.stream,
      banner: '',
      signal: session.signal,
    });
    input.end('trade\n');
    await ended;
    expect(chartRows(output.text()).map((r) => r.value)).toEqual(['>100', '190', '200']);
  });
});
