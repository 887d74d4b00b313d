/**
 * The knowledge audit's corrections stay made: what each article says, dated as it dates
 * it, linked where the sources agree, and findable the way an analyst asks.
 */
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { asConflict, asFact, cited } from '../helpers/items.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const answerer = realAnswerer();
const get = (id: string) => {
  const f = knowledge.factById.get(id);
  if (!f) throw new Error(`no fact ${id}`);
  return f;
};
const ids = (question: string, top = 5) =>
  cited(answerText(answerer, question).items)
    .slice(0, top)
    .flatMap((i) => i.evidence.map((e) => e.factId));

describe('the audit’s corrections', () => {
  it('China as junior partner is the first half of the Cold War, after the PRC was founded', () => {
    const { about } = get('ruehl-china-junior-partner-cold-war');
    expect(about.start >= '1949-01-01' && about.end <= '1969-12-31').toBe(true);
  });

  it('the Kremlin’s $108 billion is a figure stated in 2019, of no given period', () => {
    expect(get('geo-trade-108bn-kremlin').figure).toMatchObject({ value: 108, periodGiven: false, period: { raw: '2019' } });
  });

  it('Xi’s "best friend" remark is one remark of June 2019, its three reports linked as agreeing', () => {
    // One fact (not a conflict) citing all three.
    const item = asFact(answerText(answerer, 'who called Putin his best friend?').items[0]);
    expect(item.evidence.map((e) => e.factId).sort()).toEqual([
      'geo-xi-putin-closest-friend',
      'lifeline-xi-best-friend-2019-06',
      'ruehl-xi-calls-putin-best-friend',
    ]);
    expect(new Set(item.statements?.map((st) => st.date))).toEqual(new Set(['Jun 2019']));
  });

  it('dates the text pins down: "on Tuesday" and "aired Monday" in the piece of Thursday 17 June 2021, the summit that ended on Wednesday 16 June', () => {
    for (const id of ['cnn-beijing-sky-is-the-limit', 'cnn-zhao-united-like-a-mountain', 'cnn-zhao-wedge-doomed-to-fail'])
      expect(get(id).about.raw).toBe('2021-06-15');
    expect(get('cnn-putin-unprecedentedly-high-level').about.raw).toBe('2021-06-14');
    expect(get('cnn-putin-biden-summit-2021-06')).toMatchObject({ about: { raw: '2021-06-16' }, places: [] });
    expect(get('ruehl-us-russia-summit-switzerland-2021').about.raw).toBe('2021-06-16');
  });

  it('a forecast is a forecast, and the US–China trade war is not China–Russia trade', () => {
    expect(get('wv-energy-shipments-2023-up-40pct').figure?.kind).toBe('forecast');
    expect(get('ruehl-trade-target-200bn-by-2024').figure?.kind).toBe('target');
    expect(get('lifeline-us-china-trade-war-2019-06').topics).not.toContain('trade');
    expect(get('lifeline-mfa-us-hegemony-paper-2023-02').saidBy).toBeUndefined();
  });

  it.each([
    ['no limits friendship', ['wv-russia-wants-no-limits-friendship', 'lifeline-no-limits-agreement-2022-02']],
    [
      'Belt and Road Forum photo',
      ['lifeline-putin-beside-xi-group-photo', 'lifeline-putin-xi-walk-video', 'lifeline-xi-stresses-stronger-ties'],
    ],
    ['champagne on a beer budget', ['wv-kortunov-champagne-beer-budget']],
    ['Cold Warring bully', ['wv-party-line-us-cold-warring-bully']],
    ['US-China summit in Alaska', ['ruehl-us-china-summit-alaska-2021-03']],
    ['Biden Putin summit', ['cnn-putin-biden-summit-2021-06', 'ruehl-us-russia-summit-switzerland-2021']],
  ])('%s finds %j', (question, expected) => {
    const found = ids(question);
    for (const id of expected) expect(found).toContain(id);
  });

  it('contrasts are conflicts, shown side by side: alliance, convenience, asymmetry', () => {
    for (const [a, b] of [
      ['lifeline-sanctions-deepened-alliance', 'wv-china-sees-no-full-alliance'],
      ['lifeline-xi-rejects-convenience-view', 'cnn-partnership-of-convenience'],
      ['geo-power-gap-equilibrium', 'wv-gabuev-false-sense-of-security'],
    ]) {
      expect(get(a).conflictsWith).toContain(b);
      const item = cited(answerText(answerer, 'timeline').items).find((i) => i.evidence.some((e) => e.factId === a));
      expect(asConflict(item).variants).toHaveLength(2);
    }
  });
});
