/**
 * The curator's loop on a base of its own (a tmp folder): source add the test article, draft
 * it, write claims, move them into facts/, check, and ask. The article is the one the
 * curator's guide (knowledge/README.md) walks through.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { runCli } from '../../app/cli.ts';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { normalizeForQuote } from '../../src/knowledge/texts.ts';
import { sink } from '../helpers/cli.ts';

const ARTICLE = fileURLToPath(new URL('../fixtures/curation/grain-and-payments.txt', import.meta.url));
const LEDGER = 'Bilateral trade between China and Russia reached $240 billion in 2025, the ledger said.';

/** A base with one reviewed source (its 2025 trade figure is the one the new article differs from). */
function base() {
  const root = mkdtempSync(join(tmpdir(), 'sinorussia-loop-'));
  const dir = join(root, 'knowledge');
  const texts = join(root, 'texts');
  mkdirSync(join(dir, 'facts'), { recursive: true });
  mkdirSync(texts);
  writeFileSync(join(texts, 'ledger.txt'), LEDGER);
  writeFileSync(
    join(dir, 'sources.yaml'),
    `# Our sources.\nsources:\n  - id: ledger-2026\n    title: The trade ledger\n    publisher: Ledger Weekly\n    published: "2026-01-15"\n    sha256: "${sha256(LEDGER)}"\n`,
  );
  writeFileSync(
    join(dir, 'measures.yaml'),
    'measures:\n  bilateral-trade: Total China–Russia trade in goods over a period.\n  bilateral-trade-growth: Growth of China–Russia trade against the same period a year before.\n',
  );
  copyFileSync(join(KNOWLEDGE_DIR, 'search.yaml'), join(dir, 'search.yaml'));
  writeFileSync(
    join(dir, 'facts', 'ledger-2026.yaml'),
    `source: ledger-2026\nfacts:\n  - id: ledger-trade-2025\n    claim: China and Russia traded goods worth $240 billion in 2025.\n    topics: [trade]\n    about: "2025"\n    quote: "Bilateral trade between China and Russia reached $240 billion in 2025"\n    places: [China, Russia]\n    figure:\n      measure: bilateral-trade\n      value: 240\n      unit: billion\n      currency: USD\n      period: "2025"\n`,
  );
  return { dir, texts, env: { KNOWLEDGE_DIR: dir, KNOWLEDGE_TEXTS_DIR: texts } };
}

function sha256(text: string) {
  return createHash('sha256').update(text).digest('hex');
}

async function run(env: Record<string, string>, ...args: string[]) {
  const [out, err] = [sink(), sink()];
  const code = await runCli(args, out.stream, err.stream, env);
  return { code, out: out.text(), err: err.text() };
}

const ADD = [
  'source',
  'add',
  ARTICLE,
  '--id',
  'gazette-2026-trade-slips',
  '--title',
  'China and Russia trade slips for a second year',
  '--publisher',
  'The Test Gazette',
  '--author',
  'Maria Example',
  '--published',
  '2026-11-24',
];

describe('the curator loop', () => {
  it('drafts the article: figures as data, speakers, dates, matches, empty claims, verbatim quotes', async () => {
    const { dir, env } = base();
    expect((await run(env, ...ADD)).code).toBe(0);
    const json = JSON.parse((await run(env, 'draft', 'gazette-2026-trade-slips', '--json')).out);
    expect(json.source).toBe('gazette-2026-trade-slips');
    const byQuote = (part: string) => json.candidates.filter((c: { quote: string }) => c.quote.includes(part));
    expect(byQuote('$218 billion').map((c: { figure: unknown }) => c.figure)).toEqual([
      { value: 218, unit: 'billion', currency: 'USD', period: '2026-H1', kind: 'actual' },
      { value: -4.2, unit: 'percent', period: '2026-H1', kind: 'actual' },
    ]);
    const [lastYear] = byQuote('$245 billion');
    expect(lastYear).toMatchObject({
      kind: 'figure',
      measure: 'bilateral-trade',
      figure: { value: 245, period: '2025' },
      matches: [{ fact: 'ledger-trade-2025', relation: 'differs' }],
    });
    const [volkova] = byQuote('recover next year');
    expect(volkova).toMatchObject({
      kind: 'quote',
      said_by: 'Anna Volkova',
      role: 'Russian deputy trade minister',
      about: '2026-11-23',
      people: ['Anna Volkova'],
    });
    expect(byQuote('found new routes')[0]).toMatchObject({ said_by: 'Anna Volkova', about: '2026-11-23' });
    expect(byQuote('grain exports')[0]).toMatchObject({ said_by: 'Li Wen', about: '2026-11' });
    expect(byQuote('point of friction')[0]).toMatchObject({ kind: 'friction', topics: expect.arrayContaining(['tensions']) });
    // No heading or byline becomes a candidate; every quote is the article's own words.
    const text = normalizeForQuote(readFileSync(ARTICLE, 'utf8'));
    for (const c of json.candidates) expect(text).toContain(normalizeForQuote(c.quote));
    expect(byQuote('By Maria Example')).toEqual([]);
    expect(existsSync(join(dir, 'drafts'))).toBe(false); // --json writes nothing
  });

  it('from source add to an answer: the check refuses a draft moved as it is, accepts reviewed facts', async () => {
    const { dir, env } = base();
    const added = await run(env, ...ADD);
    expect(added.out).toContain('next: sinorussia draft gazette-2026-trade-slips');
    const drafted = await run(env, 'draft', 'gazette-2026-trade-slips');
    expect(drafted.out).toMatch(
      /^wrote .*drafts\/gazette-2026-trade-slips\.yaml: \d+ candidates \(.*\); \d+ match existing facts, 1 differ from one \(a conflict to record\)\n$/,
    );
    const draftFile = join(dir, 'drafts', 'gazette-2026-trade-slips.yaml');
    const draftText = readFileSync(draftFile, 'utf8');
    expect(draftText).toMatch(/^# Draft of source "gazette-2026-trade-slips"/);
    expect(draftText).toMatch(/\n {4}claim:\n/);
    // Drafts are never loaded: the base still checks while the draft sits there.
    expect((await run(env, 'check')).code).toBe(0);
    expect((await run(env, 'draft', 'gazette-2026-trade-slips')).err).toContain('pass --force');

    // Moved as it is: every empty claim and every draft: block is refused, with file and line.
    const facts = join(dir, 'facts', 'gazette-2026-trade-slips.yaml');
    writeFileSync(facts, draftText);
    const refused = await run(env, 'check');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /gazette-2026-trade-slips\.yaml:\d+ \[gazette-2026-trade-slips-[\w-]+\] draft: the review notes stay in drafts\//,
    );

    // Reviewed: three candidates kept, claims written, notes deleted.
    const doc = parse(draftText) as { source: string; facts: Record<string, unknown>[] };
    const keep = (part: string) => doc.facts.find((f) => String(f.quote).includes(part)) as Record<string, unknown>;
    const reviewed = [
      {
        ...keep('$245 billion'),
        claim: 'China–Russia trade in 2025 came to $245 billion, according to customs figures.',
        conflicts_with: ['ledger-trade-2025'],
      },
      { ...keep('recover next year'), claim: 'A Russian deputy trade minister expected trade with China to pick up in 2027.' },
      {
        ...keep('grain exports'),
        claim: 'China and Russia signed a grain export agreement in November 2026, a Chinese spokesperson said.',
        topics: ['trade'],
      },
    ].map(({ draft: _notes, ...fact }: Record<string, unknown>) => fact);
    writeFileSync(facts, parseDocument(JSON.stringify({ source: doc.source, facts: reviewed })).toString());
    const copied = await run(env, 'check');
    expect(copied.err).toContain('awaiting_facts: this source has facts now; remove the line');
    const registry = join(dir, 'sources.yaml');
    writeFileSync(registry, readFileSync(registry, 'utf8').replace('    awaiting_facts: true\n', ''));
    const ok = await run(env, 'check', '--strict');
    expect(ok.err).toBe('');
    expect(ok.out).toMatch(/^knowledge ok: 2 sources, 4 facts, 4 quotes verified against /);

    const asked = JSON.parse((await run(env, 'ask', 'grain agreement', '--json')).out);
    expect(asked.items[0].text).toBe('China and Russia signed a grain export agreement in November 2026, a Chinese spokesperson said.');
    expect(asked.sources[0]).toMatchObject({ id: 'gazette-2026-trade-slips', publisher: 'The Test Gazette', author: 'Maria Example' });
  });

  it('refuses a claim copied from the article and an empty one', async () => {
    const { dir, env } = base();
    await run(env, ...ADD);
    const quote = 'Delays in payments remain a point of friction between Russian exporters and Chinese banks.';
    const write = (claim: string) =>
      writeFileSync(
        join(dir, 'facts', 'gazette-2026-trade-slips.yaml'),
        `source: gazette-2026-trade-slips\nfacts:\n  - id: friction\n    claim:${claim}\n    topics: [tensions]\n    about: "2026-11-24"\n    quote: "${quote}"\n`,
      );
    write(` ${quote}`);
    const copied = await run(env, 'check');
    expect(copied.code).toBe(1);
    expect(copied.err).toMatch(/:\d+ \[friction\] claim: copies 10\+ consecutive words of the article/);
    write('');
    const empty = await run(env, 'check');
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/:\d+ \[friction\] claim: is empty: write the claim in your own words/);
    write(' Late payments strain dealings between Russian sellers and Chinese lenders, the paper says.');
    expect((await run(env, 'check')).code).toBe(0);
  });
});

describe('the README', () => {
  it('shows a draft --json candidate exactly as the drafter prints it', async () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const block = /`draft --json` prints[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
    const shown = JSON.parse(block?.[1] ?? '{}');
    const { env } = base();
    await run(env, ...ADD);
    const json = JSON.parse((await run(env, 'draft', 'gazette-2026-trade-slips', '--json')).out);
    expect(json.source).toBe(shown.source);
    expect(json.candidates.find((c: { id: string }) => c.id === shown.candidates[0].id)).toEqual(shown.candidates[0]);
  });
});
