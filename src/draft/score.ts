/**
 * Scoring a draft against the curated facts of its source (the answer key): how many of the
 * curated figures, attributed quotations and dated events a candidate finds, and how many
 * candidates correspond to a curated fact at all. A candidate corresponds to a fact when their
 * quotes share a run of words.
 */
import { parsePeriod } from '../knowledge/periods.ts';
import type { Fact } from '../knowledge/types.ts';
import type { Candidate, Draft } from './draft.ts';
import { sharesRun } from './matches.ts';

export interface Tally {
  found: number;
  of: number;
}

export interface DraftScore {
  figures: Tally;
  /** Of the figures found, those whose kind (actual, forecast, target) is right too. */
  figureKinds: Tally;
  speakers: Tally;
  events: Tally;
  /** Candidates that correspond to a curated fact, of all candidates. */
  precision: Tally;
  /** The curated facts each measure missed, for a curator improving the rules. */
  missed: { figures: string[]; speakers: string[]; events: string[] };
}

const CORRESPONDING_RUN = 5;
const samePeriod = (a: string | undefined, b: string) => {
  const [pa, pb] = [a ? parsePeriod(a) : undefined, parsePeriod(b)];
  return !!pa && !!pb && pa.start === pb.start && pa.end === pb.end;
};
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
/** A dated event: a fact about a month or a day. */
export const isDatedEvent = (f: Fact) => /^\d{4}-\d{2}(-\d{2})?$/.test(f.about.raw);

export function scoreDraft(draft: Draft, curated: Fact[]): DraftScore {
  const corresponds = (c: Candidate, f: Fact) => sharesRun(c.quote, f.quote, CORRESPONDING_RUN);
  const tally = (facts: Fact[], hit: (c: Candidate, f: Fact) => boolean) => {
    const missed = facts.filter((f) => !draft.candidates.some((c) => corresponds(c, f) && hit(c, f)));
    return { tally: { found: facts.length - missed.length, of: facts.length }, missed: missed.map((f) => f.id) };
  };
  const figures = tally(
    curated.filter((f) => f.figure),
    (c, f) =>
      !!c.figure &&
      c.figure.value === f.figure?.value &&
      c.figure.unit === f.figure.unit &&
      samePeriod(c.figure.period, f.figure.period.raw),
  );
  const figureHit = (c: Candidate, f: Fact) =>
    !!c.figure && c.figure.value === f.figure?.value && c.figure.unit === f.figure.unit && samePeriod(c.figure.period, f.figure.period.raw);
  const found = curated.filter((f) => f.figure && draft.candidates.some((c) => corresponds(c, f) && figureHit(c, f)));
  const figureKinds = {
    found: found.filter((f) =>
      draft.candidates.some((c) => corresponds(c, f) && figureHit(c, f) && (c.figure?.kind ?? 'actual') === f.figure?.kind),
    ).length,
    of: found.length,
  };
  const speakers = tally(
    curated.filter((f) => f.saidBy),
    (c, f) => !!c.said_by && norm(c.said_by) === norm(f.saidBy as string),
  );
  const events = tally(curated.filter(isDatedEvent), (c, f) => samePeriod(c.about, f.about.raw));
  const useful = draft.candidates.filter((c) => curated.some((f) => corresponds(c, f))).length;
  return {
    figures: figures.tally,
    figureKinds,
    speakers: speakers.tally,
    events: events.tally,
    precision: { found: useful, of: draft.candidates.length },
    missed: { figures: figures.missed, speakers: speakers.missed, events: events.missed },
  };
}
