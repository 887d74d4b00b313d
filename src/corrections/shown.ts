/**
 * A fact as a post showed it: the parts a reader saw (claim, figure, date, quote, source).
 * A post records these, so a later change can be told in words ("we reported X") and found
 * by comparing fingerprints, whatever else about the fact (topics, links, its id) was edited.
 */
import { createHash } from 'node:crypto';
import type { Fact, Figure } from '../knowledge/types.ts';

export interface ShownFact {
  factId: string;
  claim: string;
  /** The period as people read it: `2018`, `H1 2023`. */
  date: string;
  quote: string;
  sourceId: string;
  /** The figure as data, when the fact has one: `more than 190 billion USD, 2022, actual`. */
  figure?: string;
  /** A digest of the fields above but the id: equal fingerprints read the same to a reader. */
  fingerprint: string;
}

/** Runs of white space count as one space, so re-wrapping a line in YAML is not a change. */
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

function figureData(figure: Figure): string {
  const amount = [figure.bound === 'exact' ? undefined : figure.bound, String(figure.value), figure.unit, figure.currency]
    .filter(Boolean)
    .join(' ');
  return [amount, figure.periodGiven ? figure.period.raw : `stated ${figure.period.raw}`, figure.kind].join(', ');
}

export function shownFact(fact: Fact): ShownFact {
  const shown = {
    claim: squeeze(fact.claim),
    date: fact.about.label,
    quote: squeeze(fact.quote),
    sourceId: fact.sourceId,
    figure: fact.figure ? figureData(fact.figure) : undefined,
  };
  const fingerprint = createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 32);
  return { factId: fact.id, ...shown, fingerprint };
}
