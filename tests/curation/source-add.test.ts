import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli.ts';
import { KNOWLEDGE_DIR, knowledgeLocation } from '../../app/knowledge-dir.ts';
import { KnowledgeError } from '../../src/errors.ts';
import { loadKnowledge, readKnowledge } from '../../src/knowledge/load.ts';
import { sink } from '../helpers/cli.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';

async function cliWith(env: Record<string, string | undefined>, ...args: string[]) {
  const [out, err] = [sink(), sink()];
  const code = await runCli(args, out.stream, err.stream, env);
  return { code, out: out.text(), err: err.text() };
}

function article(text = 'Trade rose to $5 billion in 2026, the ministry said on Tuesday.') {
  const file = join(mkdtempSync(join(tmpdir(), 'sinorussia-article-')), 'new-article.txt');
  writeFileSync(file, text);
  return { file, sha: createHash('sha256').update(text).digest('hex') };
}

const COMPLETE = [
  '--id',
  'gamma-2026',
  '--title',
  'Gamma: a report',
  '--publisher',
  'Gamma News',
  '--author',
  'A. Writer',
  '--author',
  'B. Writer',
  '--published',
  '2026-11-30',
];

describe('KNOWLEDGE_DIR and KNOWLEDGE_TEXTS_DIR', () => {
  it('a flag wins over the environment, which wins over the shipped base', () => {
    expect(knowledgeLocation({})).toEqual({ dir: KNOWLEDGE_DIR, textsDir: undefined });
    expect(knowledgeLocation({ KNOWLEDGE_DIR: '/kb', KNOWLEDGE_TEXTS_DIR: '/texts' })).toEqual({ dir: '/kb', textsDir: '/texts' });
    expect(knowledgeLocation({ KNOWLEDGE_DIR: '/kb', KNOWLEDGE_TEXTS_DIR: '/texts' }, { knowledge: '/other', texts: '/t2' })).toEqual({
      dir: '/other',
      textsDir: '/t2',
    });
  });

  it('check reads both from the environment', async () => {
    const { dir, texts } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('one')) } });
    const ok = await cliWith({ KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts }, 'check');
    expect(ok.out).toMatch(/^knowledge ok: 1 sources, 1 facts, 1 quotes verified against /);
    const asked = await cliWith({ KNOWLEDGE_DIR: dir }, 'sources');
    expect(asked.out).toContain('Alpha article');
    expect(asked.out).not.toContain('Rapprochement');
  });
});

describe('loadKnowledge(dir, { textsDir })', () => {
  it('returns the whole base only when every quote is in its article, else throws with every error', () => {
    const { dir, texts } = writeFixture({
      facts: {
        'alpha.yaml': factsFile(
          'alpha',
          fact('one'),
          fact('two', { quote: '"Trade reached $200 billion"' }),
          fact('three', { quote: '"never said"' }),
        ),
      },
    });
    expect(loadKnowledge(dir).facts).toHaveLength(3); // without texts, quotes are not checked
    let thrown: unknown;
    try {
      loadKnowledge(dir, { textsDir: texts });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KnowledgeError);
    expect((thrown as KnowledgeError).issues.map((i) => [i.id, i.message])).toEqual([
      ['two', 'quote: not found verbatim in the text of source "alpha"'],
      ['three', 'quote: not found verbatim in the text of source "alpha"'],
    ]);
  });
});

describe('sinorussia source add', () => {
  it('copies the text, appends a validated entry and keeps the comments and layout', async () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('one')) } });
    const texts = mkdtempSync(join(tmpdir(), 'sinorussia-texts-'));
    const registry = join(dir, 'sources.yaml');
    const before = `# The registry: keep this comment.\n${readFileSync(registry, 'utf8').replace('  - id: alpha', '  # first\n  - id: alpha')}`;
    writeFileSync(registry, before);
    const { file, sha } = article();
    const added = await cliWith({ KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts }, 'source', 'add', file, ...COMPLETE);
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toContain(`added source gamma-2026 (sha256 ${sha})`);
    const after = readFileSync(registry, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      `\n  - id: gamma-2026\n    title: "Gamma: a report"\n    publisher: Gamma News\n    authors: [A. Writer, B. Writer]\n    published: "2026-11-30"\n    awaiting_facts: true\n    sha256: "${sha}"\n`,
    );
    expect(readFileSync(join(texts, 'gamma-2026.txt'), 'utf8')).toContain('$5 billion');
    // A source awaiting its facts loads; the quote check finds its text.
    expect(readKnowledge(dir).issues).toEqual([]);
    expect((await cliWith({ KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts }, 'check')).code).toBe(1); // alpha's text is not in this folder
  });

  it('refuses a second copy of the same text, or the same id', async () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('one')) } });
    const texts = mkdtempSync(join(tmpdir(), 'sinorussia-texts-'));
    const env = { KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts };
    const { file } = article();
    expect((await cliWith(env, 'source', 'add', file, ...COMPLETE)).code).toBe(0);
    const registered = readFileSync(join(dir, 'sources.yaml'), 'utf8');
    const sameText = COMPLETE.map((a) => (a === 'gamma-2026' ? 'delta-2026' : a));
    await expect(cliWith(env, 'source', 'add', file, ...sameText)).rejects.toThrow(/already registered as "gamma-2026" \(same sha256/);
    await expect(cliWith(env, 'source', 'add', article('Another text.').file, ...COMPLETE)).rejects.toThrow(
      /the id "gamma-2026" is already in sources.yaml/,
    );
    expect(readFileSync(join(dir, 'sources.yaml'), 'utf8')).toBe(registered);
  });

  it('never guesses: a missing title, date, author or publisher is refused and nothing written', async () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('one')) } });
    const texts = mkdtempSync(join(tmpdir(), 'sinorussia-texts-'));
    const env = { KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts };
    const registered = readFileSync(join(dir, 'sources.yaml'), 'utf8');
    const { file } = article();
    const bare = await cliWith(env, 'source', 'add', file, '--id', 'gamma-2026');
    expect(bare.code).toBe(2);
    expect(bare.err).toContain(
      'missing --title (or --label for an untitled article), --published, --publisher (or --no-publisher), --author (or --no-author); nothing is guessed',
    );
    const approximate = await cliWith(env, 'source', 'add', file, ...COMPLETE, '--approximate');
    expect(approximate.err).toContain('--basis');
    await expect(cliWith(env, 'source', 'add', file, ...COMPLETE.slice(0, -1), '2026-13')).rejects.toThrow(
      /published: is not a valid date/,
    );
    await expect(cliWith(env, 'source', 'add', file, ...COMPLETE.map((a) => (a === 'gamma-2026' ? 'Gamma 2026' : a)))).rejects.toThrow(
      /id: must be kebab-case/,
    );
    expect(readFileSync(join(dir, 'sources.yaml'), 'utf8')).toBe(registered);
    expect(existsSync(join(texts, 'gamma-2026.txt'))).toBe(false);
    expect((await cliWith({ KNOWLEDGE_DIR: dir }, 'source', 'add', file, ...COMPLETE)).err).toContain('no texts folder');
    await expect(cliWith(env, 'source', 'add', article('   \n').file, ...COMPLETE)).rejects.toThrow(/is empty/);
    await expect(cliWith(env, 'source', 'add', article('x'.repeat(1_000_001)).file, ...COMPLETE)).rejects.toThrow(
      /an article text is at most 1000000/,
    );
    const binary = article('');
    writeFileSync(binary.file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]));
    await expect(cliWith(env, 'source', 'add', binary.file, ...COMPLETE)).rejects.toThrow(/is not UTF-8 text/);
    expect(readFileSync(join(dir, 'sources.yaml'), 'utf8')).toBe(registered);
  });

  it('records an article that names no author, an approximate date with its basis, and a repost', async () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('one')) } });
    const texts = mkdtempSync(join(tmpdir(), 'sinorussia-texts-'));
    const { file } = article();
    const args = [
      '--id',
      'gamma-2026',
      '--label',
      'Untitled note',
      '--no-publisher',
      '--no-author',
      '--published',
      '2026',
      '--approximate',
      '--basis',
      'It cites 2026 trade.',
      '--via',
      'A Blog',
    ];
    expect((await cliWith({ KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts }, 'source', 'add', file, ...args)).code).toBe(0);
    const source = readKnowledge(dir).knowledge?.sources.get('gamma-2026');
    expect(source).toMatchObject({
      label: 'Untitled note',
      authors: [],
      approximate: true,
      basis: 'It cites 2026 trade.',
      via: 'A Blog',
      reposted: true,
      note: 'The article names no publisher and no author.',
      awaitingFacts: true,
    });
    expect(source?.publisher).toBeUndefined();
  });
});

describe('check --stale', () => {
  it('lists each topic with the date of its newest source, oldest first', async () => {
    const { dir } = writeFixture({
      facts: {
        'alpha.yaml': factsFile('alpha', fact('one', { topics: '[energy]' })),
        'beta.yaml': factsFile('beta', fact('two', { topics: '[trade, energy]' })),
      },
    });
    const { out, code } = await cliWith({}, 'check', '--stale', '--knowledge', dir);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[1]).toBe('newest source per topic (oldest first):');
    expect(lines[2]).toMatch(/^diplomacy\s+no facts$/);
    expect(out).toMatch(/\nenergy\s+2023 \(approx\.\)\s+beta \(2 facts\)\n/);
    expect(out).toMatch(/\ntrade\s+2023 \(approx\.\)\s+beta \(1 fact\)\n/);
  });
});
