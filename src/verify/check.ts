/**
 * Checking one claim against the base: only what our sources say, never whether the claim is
 * true. A figure is compared with ours of the same measure, period, unit family and kind (a
 * forecast or a target never with an outcome; a figure whose period the fact does not give
 * never); a quotation with the facts holding those words and who they credit; a dated event
 * with the facts that tell it and when.
 */
import type { Verdict } from '../answer/types.ts';
import type { CommandContext } from '../commands/command.ts';
import type { Fact, Figure } from '../knowledge/types.ts';
import type { AskedPeriod } from '../query/periods.ts';
import { ENGLISH_STOP_WORDS, tokenize } from '../search/text.ts';
import type { EventClaim, FigureClaim, QuoteClaim } from './claims.ts';
import { type Bound, type Kind, type Unit, VERIFY_RULES } from './rules.ts';

export interface CheckResult {
  verdict: Verdict;
  /** What the claim was read as, in the base's terms. */
  reading: string;
  /** Why ours neither agree nor differ, or how they differ; the base's words only. */
  note?: string;
  /** The facts the verdict rests on. */
  facts: Fact[];
}

/** One fact's bearing on a claim; `partial` when it neither confirms nor contradicts it. */
type Bearing = 'agrees' | 'differs' | 'partial';

/** The verdict of several facts: agreement needs no fact that differs. */
function verdictOf(bearings: { fact: Fact; bearing: Bearing }[]): { verdict: Verdict; facts: Fact[]; mixed: boolean } {
  const agree = bearings.filter((b) => b.bearing === 'agrees').map((b) => b.fact);
  const differ = bearings.filter((b) => b.bearing === 'differs').map((b) => b.fact);
  if (differ.length > 0) return { verdict: 'differs', facts: [...differ, ...agree], mixed: agree.length > 0 };
  if (agree.length > 0) return { verdict: 'agrees', facts: agree, mixed: false };
  return { verdict: 'unknown', facts: bearings.map((b) => b.fact), mixed: false };
}

// ---- figures

const MONEY_SCALE: Partial<Record<Unit, number>> = { trillion: 1e12, billion: 1e9, million: 1e6 };
const family = (unit: Unit | undefined, currency: string | undefined): string =>
  unit === undefined ? (currency ? 'money' : 'count') : unit in MONEY_SCALE ? 'money' : unit;
const scaleOf = (unit: Unit | undefined) => (unit && MONEY_SCALE[unit]) ?? 1;
/** Outcomes and estimates of them are one family; a forecast and a target are each their own. */
const kindFamily = (kind: Kind) => (kind === 'estimate' ? 'actual' : kind);
/**
 * Is our figure's period the one the message gives? "Since January 2023" (open-ended) is our
 * "since Jan 2023" (up to the article's date), never the whole of 2023 that spans the same days.
 */
function samePeriod(ours: { start: string; end: string; label: string }, asked: AskedPeriod): boolean {
  const oursSince = ours.label.startsWith('since ');
  if (asked.end.startsWith('9999')) return oursSince && ours.start === asked.start;
  return !oursSince && ours.start === asked.start && ours.end === asked.end;
}

interface Range {
  low: number;
  high: number;
  /** The value itself, for an exact or "about" figure. */
  point?: number;
}

function rangeOf(value: number, bound: Bound): Range {
  const { exact, about } = VERIFY_RULES.tolerance;
  switch (bound) {
    case 'more-than':
      return { low: value, high: Number.POSITIVE_INFINITY };
    case 'at-least':
      return { low: value, high: Number.POSITIVE_INFINITY };
    case 'less-than':
      return { low: Number.NEGATIVE_INFINITY, high: value };
    case 'about':
      return { low: value * (1 - about), high: value * (1 + about), point: value };
    default:
      return { low: value * (1 - exact), high: value * (1 + exact), point: value };
  }
}

/**
 * Does our figure bear out the message's? Exact and "about" figures agree when either one's
 * value falls within the other's tolerance; a bound agrees only when it says as much as the
 * claim ("more than $100bn" bears out "over $100bn", not "$150bn"); ranges that cannot meet differ.
 */
function figureBearing(claim: Range, ours: Range): Bearing {
  const open = (r: Range, side: 'low' | 'high') => !Number.isFinite(r[side]);
  const disjoint =
    ours.high < claim.low ||
    ours.low > claim.high ||
    (ours.high === claim.low && open(ours, 'low')) ||
    (ours.low === claim.high && open(ours, 'high'));
  if (disjoint) return 'differs';
  if (ours.point !== undefined) {
    const within = (x: number, r: Range) => x >= r.low && x <= r.high;
    if (within(ours.point, claim) || (claim.point !== undefined && within(claim.point, ours))) return 'agrees';
    return 'differs';
  }
  return ours.low >= claim.low && ours.high <= claim.high ? 'agrees' : 'partial';
}

const BOUND_WORDS: Record<Bound, string> = {
  exact: '',
  about: 'about ',
  'more-than': 'more than ',
  'at-least': 'at least ',
  'less-than': 'less than ',
};
const KIND_WORDS: Record<Kind, string> = { actual: '', forecast: ' (expected)', target: ' (target)', estimate: ' (estimate)' };

/** `2022 · bilateral-trade · 190 billion USD`, the claim in the base's terms. */
function figureReading(claim: FigureClaim, measure: string | undefined): string {
  const unit = claim.unit === 'percent' ? '%' : claim.unit ? ` ${claim.unit}` : '';
  const amount = `${BOUND_WORDS[claim.bound]}${claim.value}${unit}${claim.currency ? ` ${claim.currency}` : ''}${KIND_WORDS[claim.kind]}`;
  return [claim.period?.label, measure, amount].filter(Boolean).join(' · ');
}

/** The measures a figure's words name: its own clause's first, then the sentence's. */
function measuresOf(ctx: CommandContext, claim: FigureClaim): string[] {
  return [...new Set([...ctx.reader.read(claim.clause).measures.flat(), ...ctx.reader.read(claim.sentence).measures.flat()])];
}

/** `skipped` when the figure cannot be checked: it names no measure the base knows, or gives no period. */
export function checkFigure(ctx: CommandContext, claim: FigureClaim): CheckResult | { skipped: 'no-measure' | 'no-period' } {
  const claimFamily = family(claim.unit, claim.currency);
  // Only measures of which the base states a figure in the claim's unit: "the two countries" names no count of trade.
  const measures = measuresOf(ctx, claim).filter((m) =>
    ctx.lookups.measureFigures(m).some((f) => f.figure && family(f.figure.unit, f.figure.currency) === claimFamily),
  );
  if (measures.length === 0) return { skipped: 'no-measure' };
  if (!claim.period) return { skipped: 'no-period' };
  const period = claim.period;
  const sameQuantity = (f: Figure) => f.periodGiven && samePeriod(f.period, period) && family(f.unit, f.currency) === claimFamily;
  // A figure in another currency is not converted: rates differ by day and source.
  const fits = (f: Figure) => sameQuantity(f) && (!claim.currency || !f.currency || claim.currency === f.currency);
  // A target or forecast of a measure may be kept under a companion measure (a trade target beside trade).
  const companions = Object.entries(ctx.knowledge.chartWith ?? {})
    .filter(([, main]) => measures.includes(main))
    .map(([companion]) => companion);
  const otherKinds: Fact[] = [];
  for (const measure of measures) {
    const candidates = ctx.lookups.measureFigures(measure).filter((f) => f.figure && fits(f.figure));
    const comparable = candidates.filter((f) => kindFamily((f.figure as Figure).kind) === kindFamily(claim.kind));
    otherKinds.push(...candidates.filter((f) => !comparable.includes(f)));
    if (comparable.length === 0) continue;
    const claimRange = rangeOf(claim.value * scaleOf(claim.unit), claim.bound);
    const bearings = comparable.map((fact) => {
      const f = fact.figure as Figure;
      return { fact, bearing: figureBearing(claimRange, rangeOf(f.value * scaleOf(f.unit), f.bound)) };
    });
    const { verdict, facts, mixed } = verdictOf(bearings);
    const reading = figureReading(claim, measure);
    if (verdict === 'unknown')
      return {
        verdict,
        reading,
        facts,
        note: 'Our sources give only a bound for this figure: they neither bear it out nor contradict it.',
      };
    return { verdict, reading, facts, note: mixed ? 'Our sources differ among themselves on this figure.' : undefined };
  }
  for (const companion of companions)
    otherKinds.push(...ctx.lookups.measureFigures(companion).filter((f) => f.figure && fits(f.figure) && !otherKinds.includes(f)));
  const reading = figureReading(claim, measures[0]);
  const otherCurrency = measures.flatMap((m) =>
    ctx.lookups.measureFigures(m).filter((f) => f.figure && sameQuantity(f.figure) && !fits(f.figure)),
  );
  if (otherCurrency.length > 0) {
    const currencies = [...new Set(otherCurrency.map((f) => f.figure?.currency))].join(' and ');
    return {
      verdict: 'unknown',
      reading,
      facts: otherCurrency,
      note: `Our sources give this figure in ${currencies} only; it is not converted.`,
    };
  }
  if (otherKinds.length > 0) {
    const kinds = [...new Set(otherKinds.map((f) => (f.figure as Figure).kind))].map((k) =>
      k === 'actual' || k === 'estimate' ? 'an outcome' : `a ${k}`,
    );
    return {
      verdict: 'unknown',
      reading,
      facts: otherKinds,
      note: `Our sources give only ${kinds.join(' and ')} for ${period.label}, which is never set against ${claim.kind === 'actual' ? 'an outcome' : `a ${claim.kind}`}.`,
    };
  }
  const periods = [
    ...new Set(
      measures.flatMap((m) =>
        ctx.lookups
          .measureFigures(m)
          .filter((f) => f.figure?.periodGiven && family(f.figure.unit, f.figure.currency) === claimFamily)
          .map((f) => (f.figure as Figure).period.label),
      ),
    ),
  ];
  return {
    verdict: 'unknown',
    reading,
    facts: [],
    note:
      periods.length > 0 ? `Our sources give this figure for other periods (${periods.join(', ')}), not for ${period.label}.` : undefined,
  };
}

// ---- quotations

const normal = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim()} `;

/** Does a name the message gives stand for this speaker ("Putin", "President Xi" for Xi Jinping)? */
export function namesSpeaker(named: string, speaker: string): boolean {
  const words = (s: string) => normal(s).trim().split(' ');
  const theirs = words(speaker);
  const ours = words(named);
  return ours.every((w) => theirs.includes(w)) || theirs.includes(ours[ours.length - 1]);
}

/** Each base's quotes in the form they are compared in, made once per (immutable) base. */
const normalQuotes = new WeakMap<object, { whole: string[]; spoken: string[] }>();

/** The speaker's words alone: our quote without the article's words around them ("…," Zhao told a briefing). */
const quotedPart = (quote: string) => /["“]([^"“”]{10,})["”]?/.exec(quote)?.[1] ?? quote;

export function checkQuote(ctx: CommandContext, claim: QuoteClaim): CheckResult {
  const words = normal(claim.words);
  let quotes = normalQuotes.get(ctx.knowledge);
  if (!quotes) {
    quotes = {
      whole: ctx.knowledge.facts.map((f) => normal(f.quote)),
      spoken: ctx.knowledge.facts.map((f) => normal(quotedPart(f.quote))),
    };
    normalQuotes.set(ctx.knowledge, quotes);
  }
  const { whole: wholes, spoken } = quotes;
  const reading = claim.speakers.length > 0 ? 'quotation, with the speaker the message names' : 'quotation';
  const holding = ctx.knowledge.facts.filter((_, i) => wholes[i].includes(words));
  // The message may quote more than we keep: our shorter quote inside its words settles only our part.
  const inside =
    holding.length > 0
      ? []
      : ctx.knowledge.facts.filter((_, i) => spoken[i].trim().split(' ').length >= VERIFY_RULES.minPartWords && words.includes(spoken[i]));
  if (holding.length === 0 && inside.length === 0) return { verdict: 'unknown', reading, facts: [] };
  const whole = holding.length > 0;
  const bearings = (whole ? holding : inside).map((fact) => {
    const named = (speaker: string) => claim.speakers.some((n) => namesSpeaker(n, speaker));
    if (claim.speakers.length === 0) return { fact, bearing: (whole ? 'agrees' : 'partial') as Bearing };
    if (fact.saidBy) return { fact, bearing: (named(fact.saidBy) ? (whole ? 'agrees' : 'partial') : 'differs') as Bearing };
    // Words our source has but credits to no one: they bear the message out only if the fact names its speaker.
    return { fact, bearing: (whole && fact.people.some(named) ? 'agrees' : 'partial') as Bearing };
  });
  const { verdict, facts } = verdictOf(bearings);
  const credited = [...new Set(facts.map((f) => f.saidBy).filter((s): s is string => !!s))];
  if (verdict === 'differs')
    return { verdict, reading, facts, note: `Our sources credit these words to ${credited.join(' and ') || 'no named speaker'}.` };
  if (verdict === 'unknown')
    return {
      verdict,
      reading,
      facts,
      note: whole ? 'Our sources have these words but do not say who spoke them.' : 'Our sources hold only part of these words.',
    };
  return {
    verdict,
    reading,
    facts,
    note: claim.speakers.length === 0 && credited.length > 0 ? `Our sources credit them to ${credited.join(' and ')}.` : undefined,
  };
}

// ---- dated events

const ONCE_ONLY = new RegExp(`(?:^|[^\\p{L}])(?:${VERIFY_RULES.onceOnlyCues.join('|')})(?![\\p{L}])`, 'iu');
const overlaps = (a: { start: string; end: string }, b: AskedPeriod) => a.start <= b.end && a.end >= b.start;

export function checkEvent(ctx: CommandContext, claim: EventClaim): CheckResult {
  const reading = `event · ${claim.period.label}`;
  // The year only ranks: searched as a word, a year the base never names would sink the event it tells.
  const words = claim.text.replace(/\b(?:1[89]|20)\d{2}\b/g, ' ');
  const outcome = ctx.engine.search(words, { periods: [claim.period], limit: VERIFY_RULES.eventHits });
  if (!outcome.matched) return { verdict: 'unknown', reading, facts: [] };
  // Every word counts, the places and parties too ("Putin visited Beijing" is not Xi's visit to Russia), as typed (no typo correction).
  const stemsOf = (text: string) =>
    tokenize(text)
      .filter((t) => !ENGLISH_STOP_WORDS.has(t) && !/^\p{N}+$/u.test(t))
      .map(ctx.engine.stem);
  const stems = [...new Set(stemsOf(words))];
  if (stems.length === 0) return { verdict: 'unknown', reading, facts: [] };
  const { stemPrefix, eventCoverage } = VERIFY_RULES;
  const alike = (a: string, b: string) =>
    a === b || (a.length > stemPrefix && b.length > stemPrefix && a.slice(0, stemPrefix) === b.slice(0, stemPrefix));
  const coverage = (fact: Fact) => {
    const own = stemsOf(`${fact.claim} ${fact.quote}`);
    return stems.filter((s) => own.some((o) => alike(s, o))).length / stems.length;
  };
  // The facts that tell most of the event, best ranked first: the ones that tell it, not every fact that mentions it.
  const covered = outcome.hits.map((h) => ({ fact: h.fact, share: coverage(h.fact) })).filter((c) => c.share >= eventCoverage);
  const best = Math.max(0, ...covered.map((c) => c.share));
  const span = (f: Fact) => Date.parse(f.about.end) - Date.parse(f.about.start);
  // Of those, the most precisely dated first: "in February 2022" before "since February 2022".
  const telling = covered
    .filter((c) => c.share === best)
    .sort((a, b) => span(a.fact) - span(b.fact))
    .slice(0, VERIFY_RULES.eventFacts)
    .map((c) => c.fact);
  if (telling.length === 0) return { verdict: 'unknown', reading, facts: [] };
  const once = ONCE_ONLY.test(claim.sentence);
  const bearings = telling.map((fact) => {
    if (overlaps(fact.about, claim.period)) return { fact, bearing: 'agrees' as Bearing };
    // A fact dated only by its article says nothing of when the event happened.
    const published = ctx.knowledge.sources.get(fact.sourceId)?.published;
    const datedByArticle = published !== undefined && published.start === fact.about.start && published.end === fact.about.end;
    return { fact, bearing: (once && !datedByArticle ? 'differs' : 'partial') as Bearing };
  });
  const { verdict, facts } = verdictOf(bearings);
  const dates = [...new Set(facts.filter((f) => !overlaps(f.about, claim.period)).map((f) => f.about.label))].join(' and ');
  if (verdict === 'differs') return { verdict, reading, facts, note: `Our sources date it ${dates}.` };
  if (verdict === 'unknown')
    return { verdict, reading, facts, note: `Our sources tell of it on another date (${dates}); they do not settle this one.` };
  return { verdict, reading, facts };
}
