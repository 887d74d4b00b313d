/**
 * Builds small knowledge bases in a temporary folder, so tests can state exactly the facts
 * (and the mistakes) they need.
 */

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';

export const ARTICLE = 'Trade reached $100 billion in 2018, officials said. Other officials said trade was $90 billion that year.';
export const ARTICLE_SHA = createHash('sha256').update(ARTICLE).digest('hex');

export interface FixtureFiles {
  sources?: string;
  measures?: string;
  /** File name → YAML text. */
  facts?: Record<string, string>;
}

const SOURCE_ENTRIES = {
  alpha: `  - id: alpha
    title: Alpha article
    publisher: Alpha News
    published: "2021-06-17"
    sha256: ${ARTICLE_SHA}
`,
  beta: `  - id: beta
    label: Beta, untitled
    published: "2023"
    published_approximate: true
    published_basis: the text says so
    sha256: ${ARTICLE_SHA}
`,
};
export const SOURCES = `sources:\n${SOURCE_ENTRIES.alpha}${SOURCE_ENTRIES.beta}`;

/** The fixture sources some facts file names (a source with no facts is an error), or all when none does. */
function sourcesFor(facts: Record<string, string>): string {
  const named = Object.keys(SOURCE_ENTRIES).filter((id) => Object.values(facts).some((text) => text.startsWith(`source: ${id}\n`)));
  if (named.length === 0) return SOURCES;
  return `sources:\n${named.map((id) => SOURCE_ENTRIES[id as keyof typeof SOURCE_ENTRIES]).join('')}`;
}

export const MEASURES = `measures:
  bilateral-trade: Total trade.
`;

/** Writes a knowledge folder (and a texts folder holding ARTICLE); returns both paths. */
export function writeFixture(files: FixtureFiles): { dir: string; texts: string } {
  const root = mkdtempSync(join(tmpdir(), 'sinorussia-kb-'));
  const dir = join(root, 'knowledge');
  const texts = join(root, 'texts');
  mkdirSync(join(dir, 'facts'), { recursive: true });
  mkdirSync(texts);
  writeFileSync(join(texts, 'article.txt'), ARTICLE);
  writeFileSync(join(dir, 'sources.yaml'), files.sources ?? sourcesFor(files.facts ?? {}));
  writeFileSync(join(dir, 'measures.yaml'), files.measures ?? MEASURES);
  copyFileSync(join(KNOWLEDGE_DIR, 'search.yaml'), join(dir, 'search.yaml'));
  for (const [name, text] of Object.entries(files.facts ?? {})) writeFileSync(join(dir, 'facts', name), text);
  return { dir, texts };
}

/** One fact in YAML, with sensible defaults for what a test does not care about. */
export function fact(id: string, fields: Record<string, string> = {}): string {
  const all = {
    claim: `Claim of ${id}.`,
    topics: '[trade]',
    about: '"2018"',
    quote: '"Trade reached $100 billion in 2018"',
    ...fields,
  };
  return [`  - id: ${id}`, ...Object.entries(all).map(([k, v]) => `    ${k}: ${v}`)].join('\n');
}

export function factsFile(source: string, ...facts: string[]): string {
  return `source: ${source}\nfacts:\n${facts.join('\n')}\n`;
}
