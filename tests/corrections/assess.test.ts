import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessPost, changeKey } from '../../src/corrections/assess.ts';
import { shownFact } from '../../src/corrections/shown.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { tmpBase } from '../reload/support.ts';

/** The ledger base, and a way to edit its one facts file and load it again. */
function ledger() {
  const base = tmpBase();
  const file = join(base.dir, 'facts', 'ledger-2026.yaml');
  const original = readFileSync(file, 'utf8');
  const load = () => loadKnowledge(base.dir, { textsDir: base.texts });
  const edit = (change: (text: string) => string) => {
    writeFileSync(file, change(original));
    return load();
  };
  return { load, edit };
}

describe('what a post that showed a fact should be told after an edit', () => {
  const { load, edit } = ledger();
  const shown = [shownFact(load().factById.get('ledger-trade-2025')!)];

  it('records what the reader saw, in our words and the figure as data', () => {
    expect(shown[0]).toMatchObject({
      factId: 'ledger-trade-2025',
      claim: 'China and Russia traded goods worth $240 billion in 2025.',
      date: '2025',
      sourceId: 'ledger-2026',
      figure: '240 billion USD, 2025, actual',
    });
    expect(shown[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('an unchanged base tells nothing', () => {
    expect(assessPost(shown, load())).toEqual([]);
  });

  it('a changed figure is a change, with what the fact says now', () => {
    const after = edit((t) => t.replace('value: 240', 'value: 245'));
    const changes = assessPost(shown, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', now: { figure: '245 billion USD, 2025, actual' } });
  });

  it('re-wrapping a claim, or editing what a reader never sees (topics, places), is no change', () => {
    const rewrapped = edit((t) =>
      t
        .replace('claim: China and Russia traded goods', 'claim: >-\n      China and Russia\n      traded goods')
        .replace('places: [China, Russia]', 'places: [Russia]'),
    );
    expect(assessPost(shown, rewrapped)).toEqual([]);
  });

  it('renaming the fact, with the same words, is no change', () => {
    expect(
      assessPost(
        shown,
        edit((t) => t.replace('id: ledger-trade-2025', 'id: ledger-goods-trade-2025')),
      ),
    ).toEqual([]);
  });

  it('a retracted fact is withdrawn with the curator’s reason', () => {
    const after = edit((t) => `${t}    retracted:\n      reason: the ledger corrected its total\n`);
    expect(assessPost(shown, after)).toEqual([expect.objectContaining({ kind: 'withdrawn', reason: 'the ledger corrected its total' })]);
  });

  it('new words under the same id are a change, not a withdrawal', () => {
    const after = edit((t) => t.replace('traded goods worth $240 billion in 2025.', 'traded goods worth a record sum in 2025.'));
    expect(assessPost(shown, after)).toEqual([
      expect.objectContaining({
        kind: 'changed',
        now: expect.objectContaining({ claim: 'China and Russia traded goods worth a record sum in 2025.' }),
      }),
    ]);
  });

  it('a fact deleted from the files, with nothing like it left, is withdrawn', () => {
    const other =
      '  - id: ledger-says-bilateral\n    claim: A trade ledger reported China–Russia trade for 2025.\n    topics: [trade]\n    about: "2025"\n    quote: "the ledger said"\n';
    const after = edit((t) => t.slice(0, t.indexOf('  - id:')) + other);
    expect(assessPost(shown, after)).toEqual([
      expect.objectContaining({ kind: 'withdrawn', reason: 'it is no longer in our knowledge base' }),
    ]);
  });

  it('a superseded fact points to the newest fact that stands', () => {
    const newer =
      `  - id: ledger-trade-2025-revised\n    claim: China and Russia traded goods worth $240 billion in 2025, the ledger said.\n    topics: [trade]\n    about: "2025"\n` +
      `    quote: "Bilateral trade between China and Russia reached $240 billion in 2025, the ledger said"\n`;
    const after = edit((t) => `${t}    superseded_by: ledger-trade-2025-revised\n${newer}`);
    const [change] = assessPost(shown, after);
    expect(change).toMatchObject({ kind: 'superseded', now: { factId: 'ledger-trade-2025-revised' } });
  });

  it('one key per post and change: the same edit seen twice has the same key, another edit another', () => {
    const first = changeKey(
      assessPost(
        shown,
        edit((t) => t.replace('value: 240', 'value: 245')),
      )[0],
    );
    const again = changeKey(
      assessPost(
        shown,
        edit((t) => t.replace('value: 240', 'value: 245')),
      )[0],
    );
    const other = changeKey(
      assessPost(
        shown,
        edit((t) => t.replace('value: 240', 'value: 250')),
      )[0],
    );
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});
