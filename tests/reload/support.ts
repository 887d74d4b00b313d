/**
 * A knowledge base of its own in a tmp folder, with its article texts, for the reload tests:
 * one source with one fact, and a second article whose facts a test writes in while the bot runs.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { createLogger, type Logger } from '../../src/log.ts';

const ARTICLE = fileURLToPath(new URL('../fixtures/curation/grain-and-payments.txt', import.meta.url));
const LEDGER = 'Bilateral trade between China and Russia reached $240 billion in 2025, the ledger said.';
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export const GAZETTE_FACTS = `source: gazette-2026-trade-slips
facts:
  - id: gazette-grain-agreement-2026-11
    claim: China and Russia signed a grain export agreement in November 2026, a Chinese spokesperson said.
    topics: [trade]
    about: "2026-11"
    quote: "Beijing and Moscow had signed an agreement on Russian grain exports to China earlier this month"
    said_by: Li Wen
    people: [Li Wen]
  - id: gazette-volkova-recovery-2027
    claim: A Russian deputy trade minister expected trade with China to pick up in 2027.
    topics: [trade]
    about: "2026-11-23"
    quote: "We expect trade with China to recover next year"
    said_by: Anna Volkova
    people: [Anna Volkova]
  - id: gazette-payment-delays-friction
    claim: Slow payments between Russian exporters and Chinese banks keep causing friction, the paper reports.
    topics: [tensions]
    about: "2026-11"
    quote: "Delays in payments remain a point of friction between Russian exporters and Chinese banks"
`;

export function tmpBase() {
  const root = mkdtempSync(join(tmpdir(), 'sinorussia-reload-'));
  const dir = join(root, 'knowledge');
  const texts = join(root, 'texts');
  mkdirSync(join(dir, 'facts'), { recursive: true });
  mkdirSync(texts);
  writeFileSync(join(texts, 'ledger.txt'), LEDGER);
  copyFileSync(ARTICLE, join(texts, 'gazette.txt'));
  writeFileSync(
    join(dir, 'sources.yaml'),
    `sources:\n  - id: ledger-2026\n    title: The trade ledger\n    publisher: Ledger Weekly\n    published: "2026-01-15"\n    sha256: "${sha256(LEDGER)}"\n` +
      `  - id: gazette-2026-trade-slips\n    title: China and Russia trade slips for a second year\n    publisher: The Test Gazette\n    authors: [Maria Example]\n    published: "2026-11-24"\n    awaiting_facts: true\n    sha256: "${sha256(readFileSync(ARTICLE))}"\n`,
  );
  writeFileSync(join(dir, 'measures.yaml'), 'measures:\n  bilateral-trade: Total China–Russia trade in goods over a period.\n');
  copyFileSync(join(KNOWLEDGE_DIR, 'search.yaml'), join(dir, 'search.yaml'));
  writeFileSync(
    join(dir, 'facts', 'ledger-2026.yaml'),
    `source: ledger-2026\nfacts:\n  - id: ledger-trade-2025\n    claim: China and Russia traded goods worth $240 billion in 2025.\n    topics: [trade]\n    about: "2025"\n    quote: "Bilateral trade between China and Russia reached $240 billion in 2025"\n    places: [China, Russia]\n    figure:\n      measure: bilateral-trade\n      value: 240\n      unit: billion\n      currency: USD\n      period: "2025"\n`,
  );
  return { root, dir, texts };
}

/** A logger that keeps its lines (parsed) for the test to read. */
export function collectingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { logger: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }), lines };
}

/** Resolves once `check()` is true, polling every 20 ms; rejects after `ms`. */
export async function until(check: () => boolean, ms: number, what = 'the condition'): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}
