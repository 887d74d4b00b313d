/**
 * A bot as `npm start` wires it, serving a knowledge base of its own in a tmp folder that the
 * test edits (the curator), with the digest and the corrections on a fake clock.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCorrectionsCommand } from '../../app/cli-corrections.ts';
import { knowledgeLocation } from '../../app/knowledge-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { GAZETTE_FACTS, tmpBase } from '../reload/support.ts';

export const FACT = 'ledger-trade-2025';
/** A fact no trade digest shows (its topic is tensions). */
export const UNSHOWN = 'gazette-payment-delays-friction';

/** tmpBase with the gazette's facts in, so a trade digest has several facts to show. */
export function curatedBase() {
  const base = tmpBase();
  writeFileSync(join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
  const ledger = join(base.dir, 'facts', 'ledger-2026.yaml');
  const gazette = join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml');
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    writeFileSync(file, text.replace(from, to));
  };
  return {
    ...base,
    env: { KNOWLEDGE_DIR: base.dir, KNOWLEDGE_TEXTS_DIR: base.texts },
    load: () => loadKnowledge(base.dir, { textsDir: base.texts }),
    /** The curator corrects the ledger's total: $240 billion becomes $245 billion (claim and figure). */
    changeFigure: () => {
      edit(ledger, 'worth $240 billion', 'worth $245 billion');
      edit(ledger, 'value: 240', 'value: 245');
    },
    /** The curator retracts the ledger's fact. */
    retract: () =>
      edit(
        ledger,
        '    places: [China, Russia]\n',
        '    places: [China, Russia]\n    retracted:\n      reason: the ledger withdrew its total\n',
      ),
    /** A change to a fact that no trade digest showed. */
    changeUnshown: () => edit(gazette, 'keep causing friction', 'still cause friction'),
  };
}

/** `sinorussia corrections preview` with this environment: its exit code and output. */
export async function previewCorrections(env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCorrectionsCommand(
    ['preview'],
    knowledgeLocation(env),
    env,
    sink((s) => (out += s)),
    sink((s) => (err += s)),
  );
  return { code, out, err };
}
