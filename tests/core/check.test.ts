import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { formatIssue, KnowledgeError } from '../../src/errors.ts';
import { checkKnowledge, leansOnContext } from '../../src/knowledge/check.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { ARTICLE_SHA, fact, factsFile, SOURCES, writeFixture } from '../helpers/fixture.ts';

const messages = (dir: string, texts?: string) => checkKnowledge(dir, texts).issues.map(formatIssue);

describe('sinorussia check', () => {
  // The quotes of the real base are checked against the articles by `.ci/run`
  // (`check --texts ../shared/seeds`): the articles are not part of this repository.
  it('passes the real knowledge base', () => {
    const report = checkKnowledge(KNOWLEDGE_DIR);
    expect(report.issues).toEqual([]);
    expect(report.sources).toBe(5);
    expect(report.facts).toBeGreaterThan(100);
  });

  it('passes a valid fixture and counts its verified quotes', () => {
    const { dir, texts } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('a-one'), fact('a-two')) } });
    const report = checkKnowledge(dir, texts);
    expect(report.issues).toEqual([]);
    expect(report.quotesVerified).toBe(2);
  });

  it('names file, line and id for an unknown topic', () => {
    const { dir } = writeFixture({
      facts: { 'alpha.yaml': factsFile('alpha', fact('a-one'), fact('a-two', { topics: '[trade, weather]' })) },
    });
    const [issue, ...rest] = messages(dir);
    expect(rest).toEqual([]);
    expect(issue).toMatch(/facts\/alpha\.yaml:10 \[a-two\] topics\[1\]: unknown topic "weather" \(topics: trade, energy/);
  });

  it('reports a duplicate id with where it first appeared', () => {
    const { dir } = writeFixture({
      facts: { 'alpha.yaml': factsFile('alpha', fact('same')), 'beta.yaml': factsFile('beta', fact('same')) },
    });
    expect(messages(dir)).toEqual([expect.stringMatching(/beta\.yaml:3 \[same\] duplicate fact id \(first at .*alpha\.yaml:3\)/)]);
  });

  it('reports bad dates, dangling sources, unknown measures and links', () => {
    const { dir } = writeFixture({
      facts: {
        'ghost.yaml': factsFile('ghost', fact('g-one')),
        'alpha.yaml': factsFile(
          'alpha',
          fact('bad-date', { about: '"2018-13"' }),
          fact('bad-measure', { figure: '{ measure: gdp, value: 1, unit: billion, currency: USD }' }),
          fact('bad-link', { corroborates: '[nowhere]' }),
        ),
      },
    });
    const all = messages(dir).join('\n');
    expect(all).toMatch(/ghost\.yaml:1 source: unknown source id "ghost"/);
    expect(all).toMatch(/alpha\.yaml:6 \[bad-date\] about: is not a date or period/);
    expect(all).toMatch(/alpha\.yaml:\d+ \[bad-measure\] figure\.measure: unknown measure "gdp"/);
    expect(all).toMatch(/\[bad-link\] corroborates: unknown fact id "nowhere"/);
  });

  it('reports a misspelt key instead of ignoring it', () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('typo', { topic: '[trade]' })) } });
    expect(messages(dir).join('\n')).toMatch(/\[typo\] .*topic/);
  });

  it('reports YAML syntax errors with their line', () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': 'source: alpha\nfacts:\n  - id: x\n    claim: "unclosed\n' } });
    expect(messages(dir)[0]).toMatch(/alpha\.yaml:\d+ YAML: /);
  });

  it('finds a quote that is not in the article, and a claim that copies it', () => {
    const { dir, texts } = writeFixture({
      facts: {
        'alpha.yaml': factsFile(
          'alpha',
          fact('invented', { quote: '"Trade reached $200 billion in 2018"' }),
          fact('copied', { claim: 'Trade reached $100 billion in 2018, officials said. Other officials said so.' }),
          fact('typographic', { quote: '"Trade reached $100 billion in 2018, officials said."' }),
        ),
      },
    });
    const all = messages(dir, texts);
    expect(all).toEqual([
      expect.stringMatching(/\[invented\] quote: not found verbatim in the text of source "alpha"/),
      expect.stringMatching(/\[copied\] claim: copies 10\+ consecutive words/),
    ]);
  });

  it('reports a source whose article text is missing from the texts folder', () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('a')), 'beta.yaml': factsFile('beta', fact('b')) } });
    const other = writeFixture({ facts: {} });
    writeFileSync(`${other.texts}/article.txt`, 'a different text');
    expect(messages(dir, other.texts)).toEqual([
      expect.stringMatching(/sources\.yaml:2 \[alpha\] sha256: no text in the texts folder has sha256 [0-9a-f]{64}/),
      expect.stringMatching(/sources\.yaml:7 \[beta\] sha256: no text/),
    ]);
  });

  it('stops the load with a KnowledgeError that carries every issue', () => {
    const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('x', { about: 'soon' })) } });
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    try {
      loadKnowledge(dir);
    } catch (e) {
      expect((e as KnowledgeError).code).toBe('KNOWLEDGE_INVALID');
      expect((e as KnowledgeError).issues[0]).toMatchObject({ id: 'x', line: 6 });
      expect((e as Error).message).toMatch(/^sinorussia: the knowledge base is invalid: .*alpha\.yaml:6 \[x\] about: /);
    }
  });

  it('refuses a half-loaded base: a source no fact comes from', () => {
    const { dir } = writeFixture({ sources: SOURCES, facts: { 'alpha.yaml': factsFile('alpha', fact('a')) } });
    expect(messages(dir)).toEqual([
      expect.stringMatching(/sources\.yaml:7 \[beta\] no facts come from this source \(is facts\/beta\.yaml missing/),
    ]);
    // The bot refuses to start on it too, rather than serve a source with no facts.
    expect(() => loadKnowledge(dir)).toThrow(/\[beta\] no facts come from this source/);
  });

  it('says an unquoted all-digit sha256 must be quoted, not "expected string"', () => {
    const sources = SOURCES.replace(`sha256: ${ARTICLE_SHA}`, `sha256: ${'0'.repeat(64)}`);
    const { dir } = writeFixture({
      sources,
      facts: { 'alpha.yaml': factsFile('alpha', fact('a')), 'beta.yaml': factsFile('beta', fact('b')) },
    });
    const [issue, ...rest] = messages(dir);
    expect(rest).toEqual([]);
    expect(issue).toMatch(
      /sources\.yaml:6 \[alpha\] sha256: must be quoted \(sha256: "…"\): YAML read the unquoted digits as the number 0/,
    );
    expect(issue).not.toMatch(/expected string/);
  });

  it('warns about claims that lean on context they do not carry, and only those', () => {
    const { dir } = writeFixture({
      facts: {
        'alpha.yaml': factsFile(
          'alpha',
          fact('those', { claim: 'Those experts also saw it.' }),
          fact('project', { claim: 'Kortunov said the US cannot carry out that project.' }),
          fact('round', { claim: 'The summit came just before this round of talks.' }),
          fact('fine', { claim: 'Officials said that trade grew, such as in energy, and those who doubted were wrong.' }),
        ),
      },
    });
    const report = checkKnowledge(dir);
    expect(report.issues).toEqual([]);
    expect(report.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(/\[those\] claim: "Those experts" points to something the claim does not say/),
      expect.stringMatching(/\[project\] claim: "out that project"/),
      expect.stringMatching(/\[round\] claim: "this round"/),
    ]);
  });

  it.each([
    ['Such language shows it.', 'Such language'],
    ['The newsletter reads such language as jargon.', 'such language'],
    ['In the same speech, Putin spoke.', 'In the same speech'],
    ['That claim was wrong, he said.', 'That claim'],
    ['It rose sharply in 2023.', 'It rose'],
    ['China is the main buyer, such as of oil.', undefined],
    ['Xi said that ties were strong.', undefined],
  ])('leansOnContext(%j) → %j', (claim, expected) => {
    expect(leansOnContext(claim)).toBe(expected);
  });

  it('finds no claim leaning on outside context in the real base', () => {
    expect(checkKnowledge(KNOWLEDGE_DIR).warnings.map(formatIssue)).toEqual([]);
  });
});
