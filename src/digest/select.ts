/**
 * What one channel's digest says on one local date. Pure: the same inputs give the same
 * digest, so a retry or a second instance renders the same post.
 *
 * - The topic of the day rotates over the channel's topics, by date.
 * - Facts the channel has not been shown in the current cycle; a cycle ends when every fact
 *   of its topics has been shown, and the next starts straight after (same post if need be).
 * - Facts first seen after the channel's previous digest come first, marked new.
 * - A fact dated to this very day and month in another year is added, marked "on this day".
 */
import type { Composer } from '../answer/compose.ts';
import type { Answer, AnswerItem } from '../answer/types.ts';
import { chartFor } from '../chart/build.ts';
import { chartFiguresOf } from '../chart/from-items.ts';
import { CHART_MIN_PERIODS, type Chart } from '../chart/types.ts';
import { parsePeriod } from '../knowledge/periods.ts';
import { TOPIC_NAMES, TOPICS, type Topic } from '../knowledge/topics.ts';
import type { Fact, Knowledge } from '../knowledge/types.ts';
import type { SentDigest } from './store.ts';

/** Regular facts per digest: at least MIN (when the base has them), usually TARGET, at most MAX. */
export const DIGEST_FACTS = { min: 3, target: 4, max: 5 } as const;
export const NEW_MARK = 'new';
export const ON_THIS_DAY_MARK = 'on this day';
/** Figures added beside a chosen one so the post can chart its measure; they may have been shown before. */
export const TREND_MARK = 'for the trend';
/** At most this many items are added for a trend. */
export const TREND_ITEMS = 4;

export interface DigestInput {
  knowledge: Knowledge;
  composer: Composer;
  /** The composer's fact groups, kept by the caller across digests; worked out afresh when absent or another composer's. */
  groups?: FactGroups;
  /** The channel's topics; empty means all. */
  topics: Topic[];
  /** The channel's local date, `YYYY-MM-DD`. */
  localDate: string;
  /** The channel's sent digests, oldest first. */
  history: SentDigest[];
  /** Fact id → when first seen (epoch ms); facts missing here count as always known. */
  firstSeen: Map<string, number>;
}

export interface DigestSelection {
  answer: Answer;
  /** Every fact the post shows (a chosen fact's corroborating or conflicting facts too), in order. */
  factIds: string[];
  newFactIds: string[];
  onThisDayFactId?: string;
  topic?: Topic;
}

const dayLabel = (date: string) => parsePeriod(date)?.label ?? date;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** Headline facts and figures first, then oldest first: a stable order to walk a topic in. */
function byInterest(a: Fact, b: Fact): number {
  const weight = (f: Fact) => (f.key ? 2 : 0) + (f.figure ? 1 : 0);
  return weight(b) - weight(a) || a.about.start.localeCompare(b.about.start) || a.id.localeCompare(b.id);
}

/**
 * The facts an item shows when a fact is chosen (its whole group), worked out once per fact
 * for one composer. Whoever makes digests over a base keeps one (the scheduler does).
 */
export class FactGroups {
  private readonly ids = new Map<string, string[]>();
  constructor(readonly composer: Composer) {}

  of(fact: Fact): string[] {
    let ids = this.ids.get(fact.id);
    if (!ids) {
      ids = this.composer.compose([fact]).items[0].evidence.map((e) => e.factId);
      this.ids.set(fact.id, ids);
    }
    return ids;
  }
}

/** The channel's topics that have facts, in the fixed topic order. */
export function channelTopics(knowledge: Knowledge, topics: Topic[]): Topic[] {
  const wanted = topics.length > 0 ? TOPIC_NAMES.filter((t) => topics.includes(t)) : TOPIC_NAMES;
  return wanted.filter((t) => knowledge.facts.some((f) => f.topics.includes(t)));
}

export function topicOfDay(topics: Topic[], localDate: string): Topic | undefined {
  return topics.length === 0 ? undefined : topics[dayNumber(localDate) % topics.length];
}

/**
 * The facts of the pool shown in the current cycle: replays the history fact by fact, and
 * starts afresh each time the whole pool has been shown.
 */
export function shownInCycle(pool: Set<string>, history: SentDigest[]): Set<string> {
  let shown = new Set<string>();
  for (const digest of history) {
    for (const id of digest.factIds) {
      if (!pool.has(id)) continue;
      shown.add(id);
      if (shown.size === pool.size) shown = new Set();
    }
  }
  return shown;
}

export function selectDigest(input: DigestInput): DigestSelection {
  const { knowledge, composer, localDate, history } = input;
  const groups = input.groups?.composer === composer ? input.groups : new FactGroups(composer);
  const topics = channelTopics(knowledge, input.topics);
  const topic = topicOfDay(topics, localDate);
  const pool = knowledge.facts.filter((f) => f.topics.some((t) => topics.includes(t))).sort(byInterest);
  const poolIds = new Set(pool.map((f) => f.id));
  const shown = shownInCycle(poolIds, history);
  const previousDigestAt = history.length > 0 ? Math.max(...history.map((h) => h.sentAt)) : undefined;

  const chosen: Fact[] = [];
  const covered = new Set<string>();
  const take = (candidates: Fact[], upTo: number, skipShown = true) => {
    for (const fact of candidates) {
      if (chosen.length >= upTo) return;
      if (covered.has(fact.id) || (skipShown && shown.has(fact.id))) continue;
      chosen.push(fact);
      for (const id of groups.of(fact)) covered.add(id);
    }
  };

  const monthDay = localDate.slice(5);
  const isOnThisDay = (f: Fact) =>
    f.about.start === f.about.end && f.about.raw.length === 10 && f.about.start.slice(5) === monthDay && f.about.start < localDate;
  const onThisDay = [...pool.filter(isOnThisDay), ...knowledge.facts.filter(isOnThisDay).sort(byInterest)].sort(
    (a, b) => Number(shown.has(a.id)) - Number(shown.has(b.id)),
  )[0];
  if (onThisDay) for (const id of groups.of(onThisDay)) covered.add(id);
  const room = onThisDay ? DIGEST_FACTS.max - 1 : DIGEST_FACTS.max;
  const target = Math.min(DIGEST_FACTS.target, room);

  const fresh = previousDigestAt === undefined ? [] : pool.filter((f) => (input.firstSeen.get(f.id) ?? -Infinity) > previousDigestAt);
  take(fresh, room);
  const newCount = chosen.length;
  take(
    pool.filter((f) => topic !== undefined && f.topics.includes(topic)),
    target,
  );
  take(pool, target);
  // The cycle is complete: start the next one in this same post.
  if (chosen.length < DIGEST_FACTS.min)
    take(pool.filter((f) => topic !== undefined && f.topics.includes(topic)).concat(pool), target, false);

  const facts = onThisDay ? [...chosen, onThisDay] : chosen;
  const trend = trendFacts(knowledge, facts, (fact) => groups.of(fact), covered);
  let { items, sources } = composer.compose([...facts, ...trend]);
  let chart = trend.length > 0 ? chartOf(knowledge, items) : undefined;
  // The trend's figures come only with the chart they make.
  if (trend.length > 0 && !chart) ({ items, sources } = composer.compose(facts));
  chart ??= chartOf(knowledge, items);
  const trendIds = new Set(trend.map((f) => f.id));
  items.forEach((item, i) => {
    const isTrend = i >= facts.length && 'evidence' in item && item.evidence.some((e) => trendIds.has(e.factId));
    const mark = isTrend ? TREND_MARK : i < newCount ? NEW_MARK : onThisDay && i === chosen.length ? ON_THIS_DAY_MARK : undefined;
    if (mark) item.mark = mark;
  });
  const newFactIds = chosen.slice(0, newCount).map((f) => f.id);
  const leadParts = [
    topic ? `Topic of the day: ${topic} (${TOPICS[topic]}).` : 'Nothing to show yet: the knowledge base has no facts on these topics.',
  ];
  if (newCount > 0) leadParts.push(`${newCount} new since the last digest.`);
  return {
    answer: {
      kind: 'topic',
      query: `digest ${localDate}`,
      matched: items.length > 0,
      title: `Daily digest, ${dayLabel(localDate)}${topic ? `: ${capital(topic)}` : ''}`,
      lead: leadParts.join(' '),
      items,
      sources,
      next: topic
        ? [{ command: 'topic', options: { topic } }, { command: 'timeline', options: { topic } }, { command: 'digest status' }]
        : [{ command: 'topics' }, { command: 'digest status' }],
      // Posted in the channel by the digest itself: public, with nothing to share or cache.
      show: { audience: 'channel', shareable: false, cacheable: false },
      ...(chart ? { chart } : {}),
    },
    factIds: digestFactIds(items),
    newFactIds,
    ...(onThisDay ? { onThisDayFactId: onThisDay.id } : {}),
    ...(topic ? { topic } : {}),
  };
}

/** A digest post's day and facts, read back from its answer (its query is `digest <day>`); undefined for any other answer. */
export function digestPostOf(answer: Answer): { localDate: string; factIds: string[] } | undefined {
  const day = /^digest (\d{4}-\d{2}-\d{2})$/.exec(answer.query)?.[1];
  if (!day || answer.kind !== 'topic' || answer.show.audience !== 'channel' || answer.show.shareable) return undefined;
  return { localDate: day, factIds: digestFactIds(answer.items) };
}

/** Every fact a digest's items show, in order: what the channel has been shown, and what a vote on the post is about. */
export function digestFactIds(items: readonly AnswerItem[]): string[] {
  return items.flatMap((item) => ('evidence' in item ? item.evidence.map((e) => e.factId) : []));
}

/** The chart the items make, by the rule every answer follows (one measure over three or more periods). */
function chartOf(knowledge: Knowledge, items: AnswerItem[]): Chart | undefined {
  return chartFor(chartFiguresOf(items), { companions: knowledge.chartWith });
}

/**
 * A chosen figure's trend: the other figures the base has of its measure, and the targets and
 * forecasts charted with it (`chart_with`), one fact per item not already shown in this post,
 * nearest in time first. Empty when they make no chart (fewer than three periods).
 */
function trendFacts(knowledge: Knowledge, chosen: Fact[], groupOf: (fact: Fact) => string[], covered: Set<string>): Fact[] {
  const companions = knowledge.chartWith ?? {};
  for (const fact of chosen) {
    const figure = fact.figure;
    if (!figure?.periodGiven) continue;
    const measure = companions[figure.measure] ?? figure.measure;
    const series = knowledge.facts.filter((f) => {
      const g = f.figure;
      if (!g?.periodGiven || g.unit !== figure.unit || g.currency !== figure.currency) return false;
      return g.measure === measure || (companions[g.measure] === measure && g.kind !== 'actual');
    });
    const chart = chartFor(
      series.map((f) => ({ figure: f.figure as NonNullable<Fact['figure']>, citations: [] })),
      { companions },
    );
    const plotted = (f: Fact) =>
      chart?.points.some((p) => p.period === f.figure?.period.raw && p.value === f.figure.value && p.measure === f.figure.measure);
    if (!chart || chart.measure !== measure || !plotted(fact)) continue;
    const start = Date.parse(figure.period.start);
    const distance = (f: Fact) => Math.abs(Date.parse(f.figure?.period.start ?? '') - start);
    const taken: Fact[] = [];
    const seen = new Set(covered);
    for (const f of series.filter(plotted).sort((a, b) => distance(a) - distance(b) || a.id.localeCompare(b.id))) {
      if (taken.length >= TREND_ITEMS) break;
      if (seen.has(f.id)) continue;
      taken.push(f);
      for (const id of groupOf(f)) seen.add(id);
    }
    // The post's figures of this series (the chosen ones' groups and those taken) must span three periods.
    const periods = new Set(series.filter((f) => plotted(f) && seen.has(f.id)).map((f) => f.figure?.period.raw));
    if (taken.length > 0 && periods.size >= CHART_MIN_PERIODS) return taken;
  }
  return [];
}
