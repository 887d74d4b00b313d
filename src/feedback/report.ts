/**
 * The curators' report: what readers asked that the base does not answer, which answers and
 * facts they marked 👎 and why, and which topics they ask about, each with the date of its
 * newest source. Built from the store's records and the base; rendered by the CLI (text or
 * JSON) and Slack's App Home.
 */
import { topicFreshness } from '../knowledge/stale.ts';
import { TOPIC_NAMES, type Topic } from '../knowledge/topics.ts';
import type { Knowledge } from '../knowledge/types.ts';
import { DIRECT_CHANNEL, type FeedbackStore, REASON_LABELS, type UnansweredQuestion, type Vote } from './types.ts';

export interface ReasonCount {
  reason: string;
  count: number;
}

export interface VoteTally {
  down: number;
  up: number;
  /** The 👎's reasons, most given first. */
  reasons: ReasonCount[];
  /** What readers wrote with a 👎, newest first. */
  comments: string[];
}

export interface ReportAnswer extends VoteTally {
  answerId: string;
  query: string;
  kind: string;
  factIds: string[];
  /** A digest post's channel (`direct message` for one in a DM); absent for answers. */
  channel?: string;
  platform?: string;
}

export interface ReportFact extends VoteTally {
  factId: string;
  /** The fact's claim, when the base still has it. */
  claim?: string;
  topics: Topic[];
}

export interface ReportQuestion {
  /** The latest wording, mentions removed. */
  question: string;
  normalised: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  platforms: string[];
}

export interface ReportTopic {
  topic: Topic;
  /** Votes on answers showing a fact of the topic, plus unanswered askings naming it. */
  asked: number;
  /** The newest source with a fact on the topic; absent when the topic has none. */
  newestSource?: { id: string; published: string; approximate: boolean };
}

export interface FeedbackReport {
  generatedAt: string;
  /** The report covers records from this day on (`YYYY-MM-DD`); absent: everything kept. */
  since?: string;
  totals: {
    votes: number;
    up: number;
    down: number;
    /** Of `votes`: those on digest posts. */
    digestVotes: number;
    unansweredQuestions: number;
    unansweredAskings: number;
  };
  unanswered: ReportQuestion[];
  /** Answers with at least one 👎, most 👎 first (digest posts are listed apart). */
  answers: ReportAnswer[];
  /** Digest posts with any vote, most 👎 first, then most 👍: which channel's post of which day. */
  digests: ReportAnswer[];
  /** Facts shown in answers with a 👎, most 👎 first. */
  facts: ReportFact[];
  /** Every topic, most asked first. */
  topics: ReportTopic[];
}

export interface ReportInput {
  votes: Vote[];
  unanswered: UnansweredQuestion[];
  knowledge: Knowledge;
  now: Date;
  since?: string;
  /** How many rows each list keeps; 10 by default. */
  limit?: number;
}

/** At most this many written reasons per answer or fact. */
const MAX_COMMENTS = 5;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function emptyTally(): VoteTally {
  return { down: 0, up: 0, reasons: [], comments: [] };
}

function count(tally: VoteTally, vote: Vote): void {
  if (vote.direction === 'up') {
    tally.up++;
    return;
  }
  tally.down++;
  if (!vote.reason) return;
  const reason = REASON_LABELS[vote.reason.code];
  const row = tally.reasons.find((r) => r.reason === reason);
  if (row) row.count++;
  else tally.reasons.push({ reason, count: 1 });
  if (vote.reason.text && tally.comments.length < MAX_COMMENTS) tally.comments.push(vote.reason.text);
}

function finish<T extends VoteTally>(rows: T[], limit: number, key: (row: T) => string): T[] {
  for (const row of rows) row.reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return rows
    .filter((row) => row.down > 0)
    .sort((a, b) => b.down - a.down || a.up - b.up || key(a).localeCompare(key(b)))
    .slice(0, limit);
}

/** The unanswered groups of every platform, merged by normalised form. */
function mergeQuestions(rows: UnansweredQuestion[], limit: number): ReportQuestion[] {
  const merged = new Map<string, { row: UnansweredQuestion; platforms: Set<string> }>();
  for (const row of rows) {
    const seen = merged.get(row.normalised);
    if (!seen) {
      merged.set(row.normalised, { row: { ...row }, platforms: new Set([row.platform]) });
      continue;
    }
    seen.platforms.add(row.platform);
    if (row.lastSeen > seen.row.lastSeen) seen.row.example = row.example;
    seen.row.count += row.count;
    seen.row.firstSeen = Math.min(seen.row.firstSeen, row.firstSeen);
    seen.row.lastSeen = Math.max(seen.row.lastSeen, row.lastSeen);
  }
  return [...merged.values()]
    .sort((a, b) => b.row.count - a.row.count || b.row.lastSeen - a.row.lastSeen || a.row.normalised.localeCompare(b.row.normalised))
    .slice(0, limit)
    .map(({ row, platforms }) => ({
      question: row.example,
      normalised: row.normalised,
      count: row.count,
      firstSeen: day(row.firstSeen),
      lastSeen: day(row.lastSeen),
      platforms: [...platforms].sort(),
    }));
}

export function buildReport({ votes, unanswered, knowledge, now, since, limit = 10 }: ReportInput): FeedbackReport {
  const answers = new Map<string, ReportAnswer>();
  const facts = new Map<string, ReportFact>();
  const asked = new Map<Topic, number>(TOPIC_NAMES.map((t) => [t, 0]));
  // Newest first, so the comments kept are the latest.
  for (const vote of [...votes].sort((a, b) => b.at - a.at)) {
    const answer = answers.get(vote.answerId) ?? {
      answerId: vote.answerId,
      query: vote.query,
      kind: vote.kind,
      factIds: vote.factIds,
      ...(vote.channel !== undefined ? { channel: vote.channel, platform: vote.platform } : {}),
      ...emptyTally(),
    };
    answers.set(vote.answerId, answer);
    count(answer, vote);
    const topics = new Set<Topic>();
    for (const factId of vote.factIds) {
      const known = knowledge.factById.get(factId);
      const fact = facts.get(factId) ?? { factId, ...(known ? { claim: known.claim } : {}), topics: known?.topics ?? [], ...emptyTally() };
      facts.set(factId, fact);
      count(fact, vote);
      for (const topic of fact.topics) topics.add(topic);
    }
    // A vote on a digest post asked nothing: it does not count for a topic.
    if (vote.kind !== DIGEST_KIND) for (const topic of topics) asked.set(topic, (asked.get(topic) ?? 0) + 1);
  }
  // An unanswered question counts for a topic it names ("trade with india" → trade).
  for (const row of unanswered) {
    const words = new Set(row.normalised.split(' '));
    for (const topic of TOPIC_NAMES) if (words.has(topic)) asked.set(topic, (asked.get(topic) ?? 0) + row.count);
  }
  const freshness = new Map(topicFreshness(knowledge).map((f) => [f.topic, f.newest]));
  const topics: ReportTopic[] = TOPIC_NAMES.map((topic) => {
    const newest = freshness.get(topic);
    return {
      topic,
      asked: asked.get(topic) ?? 0,
      ...(newest ? { newestSource: { id: newest.id, published: newest.published.label, approximate: newest.approximate } } : {}),
    };
  }).sort((a, b) => b.asked - a.asked || a.topic.localeCompare(b.topic));
  const down = votes.filter((v) => v.direction === 'down').length;
  const isDigest = (a: ReportAnswer) => a.kind === DIGEST_KIND;
  const digests = [...answers.values()].filter(isDigest);
  for (const row of digests) row.reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return {
    generatedAt: now.toISOString(),
    ...(since ? { since } : {}),
    totals: {
      votes: votes.length,
      up: votes.length - down,
      down,
      digestVotes: votes.filter((v) => v.kind === DIGEST_KIND).length,
      unansweredQuestions: new Set(unanswered.map((u) => u.normalised)).size,
      unansweredAskings: unanswered.reduce((sum, u) => sum + u.count, 0),
    },
    unanswered: mergeQuestions(unanswered, limit),
    answers: finish(
      [...answers.values()].filter((a) => !isDigest(a)),
      limit,
      (a) => a.answerId,
    ),
    digests: digests
      .sort((a, b) => b.down - a.down || b.up - a.up || b.query.localeCompare(a.query) || a.answerId.localeCompare(b.answerId))
      .slice(0, limit),
    facts: finish([...facts.values()], limit, (f) => f.factId),
    topics,
  };
}

/** The kind of a vote on a digest post (src/feedback/target.ts digestTarget). */
const DIGEST_KIND = 'digest';

/** `the digest of 2026-12-01 in slack channel C0123`, from the post's query and channel. */
export function digestPostWords(post: Pick<ReportAnswer, 'query' | 'channel' | 'platform'>): string {
  const day = post.query.replace(/^digest\s+/, '');
  const where = post.channel === undefined ? '' : post.channel === DIRECT_CHANNEL ? ' in a direct message' : ` in channel ${post.channel}`;
  return `the digest of ${day}${post.platform ? ` on ${post.platform}` : ''}${where}`;
}

/** A tally's reasons and written notes on one line (`wrong figure ×2; "check the total"`). */
export const reasonsText = (tally: VoteTally) =>
  [...tally.reasons.map((r) => `${r.reason} ×${r.count}`), ...tally.comments.map((c) => `"${c}"`)].join('; ') || 'no reason given';

/** The report as plain text (the CLI's default output). */
export function formatReport(report: FeedbackReport): string {
  const { totals } = report;
  const lines = [
    `Feedback report${report.since ? ` since ${report.since}` : ''} (generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC)`,
    `${totals.votes} vote${totals.votes === 1 ? '' : 's'} (${totals.up} 👍, ${totals.down} 👎${totals.digestVotes > 0 ? `; ${totals.digestVotes} on digest posts` : ''}); ${totals.unansweredQuestions} unanswered question${totals.unansweredQuestions === 1 ? '' : 's'}, asked ${totals.unansweredAskings} time${totals.unansweredAskings === 1 ? '' : 's'}`,
    '',
    'Top unanswered questions',
    ...(report.unanswered.length === 0
      ? ['  none']
      : report.unanswered.map(
          (q) => `  ${String(q.count).padStart(3)}×  ${q.question}  (first ${q.firstSeen}, last ${q.lastSeen}; ${q.platforms.join(', ')})`,
        )),
    '',
    'Answers with the most 👎',
    ...(report.answers.length === 0
      ? ['  none']
      : report.answers.flatMap((a) => [
          `  ${String(a.down).padStart(3)} 👎 ${a.up} 👍  "${a.query}" (${a.kind}, answer ${a.answerId})`,
          `        reasons: ${reasonsText(a)}`,
          `        facts: ${a.factIds.join(', ') || 'none'}`,
        ])),
    '',
    'Digest posts voted on',
    ...(report.digests.length === 0
      ? ['  none']
      : report.digests.flatMap((d) => [
          `  ${String(d.down).padStart(3)} 👎 ${d.up} 👍  ${digestPostWords(d)} (answer ${d.answerId})`,
          ...(d.down > 0 ? [`        reasons: ${reasonsText(d)}`] : []),
          `        facts: ${d.factIds.join(', ') || 'none'}`,
        ])),
    '',
    'Facts with the most 👎',
    ...(report.facts.length === 0
      ? ['  none']
      : report.facts.flatMap((f) => [
          `  ${String(f.down).padStart(3)} 👎 ${f.up} 👍  ${f.factId}${f.topics.length ? ` (${f.topics.join(', ')})` : f.claim ? '' : ' (no longer in the base)'}`,
          `        reasons: ${reasonsText(f)}`,
        ])),
    '',
    'Most asked topics (newest source)',
    ...report.topics.map((t) => {
      const source = t.newestSource
        ? `${t.newestSource.published}${t.newestSource.approximate ? ' (approx.)' : ''}, ${t.newestSource.id}`
        : 'no facts';
      return `  ${t.topic.padEnd(12)} ${String(t.asked).padStart(3)} asked   newest source ${source}`;
    }),
  ];
  return lines.join('\n');
}

/** The report from a store as of `now` (the CLI, Slack's Home and Discord's command share it). */
export async function reportFromStore(
  store: Pick<FeedbackStore, 'votes' | 'unanswered'>,
  knowledge: Knowledge,
  now: Date,
  since?: { day: string; ms: number },
): Promise<FeedbackReport> {
  const [votes, unanswered] = await Promise.all([store.votes(since?.ms), store.unanswered(since?.ms)]);
  return buildReport({ votes, unanswered, knowledge, now, since: since?.day });
}
