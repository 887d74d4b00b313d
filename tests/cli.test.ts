import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONSOLE_BANNER, startConsole } from '../adapters/console/repl.ts';
import { memoryLogger } from '../src/log.ts';
import { cli, sink } from './helpers/cli.ts';
import { fact, factsFile, writeFixture } from './helpers/fixture.ts';
import { realAnswerer } from './helpers/real.ts';

describe('sinorussia CLI', () => {
  it('ask --json prints exactly one JSON object of the documented shape', async () => {
    const { code, out } = await cli('ask', 'how big is the gas deal', '--json');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ query: 'how big is the gas deal', matched: true });
    expect(json.items[0]).toMatchObject({ type: 'fact', text: expect.stringContaining('$400 billion'), sources: ['cnn-2021-unbreakable'] });
    expect(json.items[0].quote).toContain('$400 billion');
    const listed = new Set(json.sources.map((s: { id: string }) => s.id));
    for (const item of json.items) for (const id of item.sources) expect(listed.has(id)).toBe(true);
    expect(json.sources[0]).toMatchObject({
      id: 'cnn-2021-unbreakable',
      title: expect.any(String),
      publisher: 'CNN',
      author: 'Nectar Gan, Ben Westcott',
      published: '17 Jun 2021',
    });
  });

  it('ask --json says matched false for an off-topic question', async () => {
    const json = JSON.parse((await cli('ask', 'weather in Paris', '--json')).out);
    expect(json).toMatchObject({ query: 'weather in Paris', matched: false, sources: [] });
    // It lists the topics as guidance lines, citing nothing.
    expect(json.items[0]).toEqual({
      type: 'guide',
      text: 'trade: bilateral trade volumes, balance, what is traded, trading partners (48 facts)',
      sources: [],
    });
  });

  it('prints topics, sources and a timeline for a terminal', async () => {
    expect((await cli('topics')).out).toMatch(/trade\s+bilateral trade volumes/);
    expect((await cli('sources')).out).toContain('What Drives Sino-Russian Rapprochement?');
    const timeline = (await cli('timeline', 'energy')).out;
    expect(timeline).toMatch(/^Timeline: energy/);
    expect(timeline).toContain('Sources');
  });

  it('refuses unknown commands and empty questions with usage and exit 2', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') });
    expect(await cli('ask')).toMatchObject({ code: 2, err: expect.stringContaining('ask needs a question') });
    expect(await cli()).toMatchObject({ code: 2, err: expect.stringContaining('usage: sinorussia') });
  });

  it('check reports warnings without failing, and fails on them with --strict', async () => {
    const { dir, texts } = writeFixture({
      facts: { 'alpha.yaml': factsFile('alpha', fact('vague', { claim: 'Those officials agreed.' })) },
    });
    const loose = await cli('check', '--knowledge', dir, '--texts', texts);
    expect(loose.code).toBe(0);
    expect(loose.out).toMatch(/^knowledge ok: 1 sources, 1 facts, 1 quotes verified against \S+, 1 warning\(s\)\n$/);
    expect(loose.err).toMatch(/\[vague\] claim: "Those officials" .* \(warning\)\n$/);
    const strict = await cli('check', '--strict', '--knowledge', dir, '--texts', texts);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(
      /\[vague\] claim: "Those officials" .* \(error: --strict\)\nsinorussia check: 1 error\(s\), 1 of them warnings \(--strict\)\n$/,
    );
  });

  it('check prints one line of counts, or each error and exits 1', async () => {
    const good = writeFixture({
      facts: { 'alpha.yaml': factsFile('alpha', fact('one'), fact('two')), 'beta.yaml': factsFile('beta', fact('three')) },
    });
    const ok = await cli('check', '--knowledge', good.dir, '--texts', good.texts);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(/^knowledge ok: 2 sources, 3 facts, 3 quotes verified against \S+\n$/);
    const real = await cli('check');
    expect(real.out).toMatch(/^knowledge ok: 5 sources, \d{3} facts, quotes not verified \(no --texts\)/);
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('bad', { about: '"later"' })) } });
    const bad = await cli('check', '--knowledge', dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/alpha\.yaml:6 \[bad\] about: is not a date or period/);
    expect(bad.err).toContain('1 error(s)');
  });
});

describe('the local console', () => {
  it('says why it is the console, answers what a workspace user types, and exits on end of input', async () => {
    const input = new PassThrough();
    const output = sink();
    const logger = memoryLogger();
    const done = startConsole({ answerer: realAnswerer(), logger, input, output: output.stream, banner: CONSOLE_BANNER });
    input.write('/sinorussia trade\n');
    input.write('@sinorussia who called Putin his best friend?\n');
    input.write('/sinorussia help\n');
    input.write('weather in Paris\n');
    input.end(); // Ctrl-D
    await done;
    const text = output.text();
    expect(text.split('\n')[0]).toBe(CONSOLE_BANNER);
    expect(text.split('\n')[0]).toMatch(/No Slack or Discord credentials found.*README\.md/);
    expect(text).toMatch(/Trade: bilateral trade volumes/);
    expect(text).toMatch(/Xi Jinping .*best friend/);
    expect(text).toContain('sinorussia: sourced answers on China–Russia relations');
    expect(text).toContain('No match');
    expect(text.trimEnd().endsWith('Bye.')).toBe(true);
    expect(logger.entries).toEqual([]);
  });

  it('apologises and logs when answering fails, then keeps going', async () => {
    const input = new PassThrough();
    const output = sink();
    const logger = memoryLogger();
    const broken = {
      ...realAnswerer(),
      answer: () => {
        throw new Error('index exploded');
      },
    };
    const done = startConsole({ answerer: broken, logger, input, output: output.stream, banner: 'banner' });
    input.end('trade\n');
    await done;
    expect(output.text()).toContain('Sorry, something went wrong');
    expect(logger.entries[0]).toMatchObject({ level: 'error', msg: 'console answer failed', err: { message: 'index exploded' } });
  });
});
