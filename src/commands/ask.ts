import { citedSource } from '../answer/compose.ts';
import { guideLine } from '../answer/guide.ts';
import { figureOf, sourceSummary } from '../answer/label.ts';
import type { Answer, AnswerItem, CommandRef, ComposedItem, GuideItem, QueryInfo } from '../answer/types.ts';
import type { Fact, Knowledge } from '../knowledge/types.ts';
import { type AskedPeriod, periodsMeet } from '../query/periods.ts';
import type { Understood } from '../query/read.ts';
import type { SearchHit, SearchOutcome } from '../search/engine.ts';
import { ENGLISH_STOP_WORDS, tokenize } from '../search/text.ts';
import { type CommandContext, defineCommand } from './command.ts';
import { SUMMARY_ITEMS, topicSummary } from './topic.ts';
import { matchTopic } from './topic-match.ts';

/** How many items a question's answer shows. */
export const ANSWER_ITEMS = 5;

const FIGURE_INTENTS = new Set(['figure', 'compare', 'latest']);
/** A quote is moved up for "who said…" only when it scores at least this share of the best hit. */
const PROMOTED_SHARE = 0.5;

/** `ask <question>`, and any text that is not another command: the facts that answer it. */
export const askCommand = defineCommand({
  name: 'ask',
  usage: '<question>',
  summary: 'the facts that answer a question (the word ask is optional)',
  description: 'Ask a question; the answer cites its sources',
  options: [{ name: 'question', placeholder: '<question>', description: 'Your question, or a topic', required: true }],
  audience: 'channel',
  listed: false,
  cli: true,
  run(ctx, request) {
    const question = request.options.question ?? '';
    // A question that is only a topic's name (`ask trade`, Discord's question:trade) is that topic.
    const topicAsked = matchTopic(question.replace(/[?!.]+$/, ''));
    if (topicAsked) return topicSummary(ctx, topicAsked, request.query);
    const parsed = { args: question, query: request.query };
    const query = ctx.reader.read(parsed.args);
    const understood = infoOf(query);
    const preferFigures = FIGURE_INTENTS.has(query.intent);
    const figures = figureAnswer(ctx, query);
    if (figures)
      return {
        kind: 'search',
        query: parsed.query,
        matched: true,
        title: parsed.query,
        ...figures,
        next: nextFor(figures.facts[0]),
        understood,
      };
    // "trade figures by year": the topic's figures, oldest first, so the trend shows.
    const words = preferFigures && query.periods.length === 0 && query.sources.length === 0 ? ctx.engine.meaningfulWords(parsed.args) : [];
    const topic = words.length === 1 ? matchTopic(words[0]) : undefined;
    if (topic && ctx.lookups.topicFigures(topic).length > 0) {
      const { items, sources } = ctx.composer.composeTop(ctx.lookups.topicFigures(topic), SUMMARY_ITEMS);
      return {
        kind: 'search',
        query: parsed.query,
        matched: true,
        title: parsed.query,
        lead: `Figures on ${topic}, oldest first.`,
        items,
        sources,
        next: [
          { command: 'topic', options: { topic } },
          { command: 'timeline', options: { topic } },
        ],
        understood,
      };
    }

    const noMatch = (title: string, lead: string, items: AnswerItem[]): Omit<Answer, 'show'> => ({
      kind: 'no-match',
      query: parsed.query,
      matched: false,
      title,
      lead,
      items,
      sources: [],
      next: [{ command: 'topics' }, { command: 'help' }],
      understood,
    });
    // A figure asked for a period no figure covers is said to be missing, with the periods the
    // base has: a fact about something else of that year would read as the answer.
    const gap = missingFigure(ctx, query);
    if (gap) return noMatch('No figure for that period', gap.lead, gap.items);

    // "China's trade with Ukraine", "US-China trade": the base's measures are between China and
    // Russia, so a fact about the war in Ukraine must not read as the answer.
    const partner = otherPartner(ctx, query);
    if (partner) return noMatch('No match', partner, ctx.lookups.topicLines());

    // "Who heads the PLA Navy right now": the articles say who held what as of their dates only.
    if (query.asksWhoNow)
      return noMatch(
        'No match',
        `The knowledge base holds what its sources said as of their dates (${ctx.lookups.sourceDates()}), so it cannot say who holds which post now. Ask without "now", "still" or "current" for what they said then.`,
        ctx.lookups.topicLines(),
      );

    // "What did Zelensky say": the base names him but quotes none of his words.
    if (query.unquoted.length > 0)
      return noMatch(
        'No match',
        `The knowledge base quotes no words of ${query.unquoted.join(' or ')}. What it says about them is first below.`,
        [
          ...query.unquoted.map((person) =>
            guideLine({ command: 'ask', options: { question: person } }, `what the base says about ${person}`),
          ),
          ...ctx.lookups.topicLines(),
        ],
      );

    const dated = periodAnswer(ctx, query);
    if (dated)
      return {
        kind: 'search',
        query: parsed.query,
        matched: true,
        title: parsed.query,
        ...dated,
        next: nextFor(dated.facts[0]),
        understood,
      };

    // "Who wrote the Geopolitics article": the registry holds bylines and dates, no fact does.
    const byline = query.asksByline && query.sources.length > 0;
    // A question asking two things ("…, and which cities did his delegation visit?") that no
    // fact answers whole is answered part by part.
    const whole = byline ? undefined : searchFor(ctx, query);
    const outcome: SearchOutcome = !whole
      ? { hits: [], matched: false, reason: 'not-found' }
      : whole.matched
        ? whole
        : (partsOutcome(ctx, parsed.args, query) ?? whole);
    if (!outcome.matched) {
      const why =
        outcome.reason === 'too-broad'
          ? 'That is too broad to answer from single facts.'
          : query.sources.length > 0
            ? 'Nothing from the source you named answers that.'
            : 'Nothing in the knowledge base answers that.';
      // The source a question names is described as the registry holds it: "who wrote the CNN
      // piece" gets its byline and date, which no fact states.
      const named = query.sources.flatMap((id) => namedSourceLine(ctx.knowledge, id));
      return noMatch(
        'No match',
        `${why}${named.length > 0 ? ' The source is first below.' : ''} Try a topic below, or ask about a figure, a deal, a person or an event.`,
        [...named, ...ctx.lookups.topicLines()],
      );
    }
    const facts = orderForIntent(ctx.knowledge, query, outcome.hits);
    // Figures first: those of a period asked, then the rest, each oldest first.
    const outside = (a: ComposedItem) => {
      const figure = figureOf(a);
      return query.periods.length > 0 && !!figure && !query.periods.some((p) => periodsMeet(p, figure.period));
    };
    const byFiguresThenDate = (a: ComposedItem, b: ComposedItem) =>
      Number(!figureOf(a)) - Number(!figureOf(b)) ||
      Number(outside(a)) - Number(outside(b)) ||
      (figureOf(a) && figureOf(b) ? (a.dateKey ?? '').localeCompare(b.dateKey ?? '') : 0);
    const order = query.intent === 'latest' ? newestFirst : query.intent === 'figure' ? byFiguresThenDate : undefined;
    const { items, sources } = ctx.composer.composeTop(facts, ANSWER_ITEMS, order);
    const lead = query.intent === 'latest' ? asOf(sources.map((s) => ctx.knowledge.sources.get(s.id)?.published)) : undefined;
    return {
      kind: 'search',
      query: parsed.query,
      matched: true,
      title: parsed.query,
      lead,
      items,
      sources,
      next: nextFor(outcome.hits[0].fact),
      understood,
    };
  },
});

function searchFor(ctx: CommandContext, query: Understood): SearchOutcome {
  return ctx.engine.search(query.searchText, {
    limit: ANSWER_ITEMS * 2,
    preferFigures: FIGURE_INTENTS.has(query.intent),
    phrases: query.phrases,
    sources: query.sources,
    periods: query.periods,
    relation: query.relation,
    amount: query.asksAmount,
    counted: query.counted,
    about: query.about,
    actual: query.asksActual,
    money: query.asksMoney,
    share: query.asksShare,
    kinds: query.asksKinds,
    when: query.asksDate ?? query.intent === 'when',
    city: query.asksCity,
    name: query.asksName,
    person: query.asksPerson,
    organisation: query.asksOrganisation,
    post: query.asksPost,
    outcome: query.asksOutcome,
    alone: query.asksAlone,
    duration: query.asksDuration,
    before: query.before,
    envoy: query.envoy,
    measureWord: query.measureWord,
  });
}

/** Where a question asks a second thing: a new sentence, or ", and which / what / when…". */
const SECOND_ASK = /\?\s+|[.;!]\s+(?=\p{Lu})|,?\s+and\s+(?=(?:which|what|who|whom|when|where|how|why)\b)/iu;

/** Each part of a question of several asks searched alone (the sources the whole names apply to each); when every part matches, their hits taken in turn. */
function partsOutcome(ctx: CommandContext, text: string, whole: Understood): SearchOutcome | undefined {
  const parts = text.split(SECOND_ASK).filter((p) => p.trim().length > 0);
  if (parts.length < 2) return undefined;
  const found: SearchHit[][] = [];
  for (const part of parts.slice(0, 4)) {
    const q = ctx.reader.read(part);
    if (ctx.engine.meaningfulWords(q.searchText).length === 0) continue;
    const outcome = searchFor(ctx, { ...q, sources: [...new Set([...whole.sources, ...q.sources])] });
    // "Were they enthusiastic?" after a question about them asks more of the same facts: the
    // answer to the part before stands for it.
    if (!outcome.matched && found.length > 0 && followsUp(part)) continue;
    // "…? Need the name for a note.": a sentence about the asker that finds nothing is set aside.
    if (!outcome.matched && found.length > 0 && ctx.reader.speaksOfAsker(part)) continue;
    // Every part must be answered: half an answer to two questions reads as an answer to both.
    if (!outcome.matched) return undefined;
    found.push(outcome.hits);
  }
  if (found.length === 0) return undefined;
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (let i = 0; hits.length < ANSWER_ITEMS * 2 && found.some((h) => i < h.length); i++)
    for (const h of found) if (h[i] && !seen.has(h[i].fact.id) && seen.add(h[i].fact.id)) hits.push(h[i]);
  return { hits, matched: true };
}

/** Words that refer back to the part before ("they", "he"), and the words a follow-up may open with before one ("were they"). */
const BACK_REFERENCES = new Set(['they', 'he', 'she', 'it', 'this', 'that', 'these', 'those', 'them', 'his', 'her', 'their', 'its']);
const OPENERS = new Set([
  'was',
  'were',
  'is',
  'are',
  'did',
  'does',
  'do',
  'has',
  'have',
  'had',
  'can',
  'could',
  'would',
  'will',
  'so',
  'and',
  'but',
  'or',
]);

/** Does the part open by referring back to the one before ("Were they enthusiastic or not really?")? */
function followsUp(part: string): boolean {
  const words = tokenize(part);
  const first = OPENERS.has(words[0]) ? words[1] : words[0];
  return BACK_REFERENCES.has(first ?? '');
}

/** A line of guidance naming a registered source as every surface lists it. */
function namedSourceLine(knowledge: Knowledge, id: string): GuideItem[] {
  const source = knowledge.sources.get(id);
  return source ? [guideLine({ command: 'sources' }, sourceSummary(citedSource(source, 1)))] : [];
}

function nextFor(fact: Fact): CommandRef[] {
  const topic = fact.topics[0];
  return [
    { command: 'topic', options: { topic } },
    { command: 'timeline', options: { topic } },
  ];
}

function infoOf(q: Understood): QueryInfo {
  return { intent: q.intent, periods: q.periods.map((p) => p.label), measures: q.measures.flat(), sources: q.sources, phrases: q.phrases };
}

const newestFirst = (a: ComposedItem, b: ComposedItem) => (b.dateKey ?? '').localeCompare(a.dateKey ?? '');

/** "Newest first, as of 2023": the newest cited source's date. */
function asOf(published: ({ start: string; label: string } | undefined)[]): string {
  const newest = published.filter((p) => !!p).sort((a, b) => b.start.localeCompare(a.start))[0];
  return newest ? `Newest first, as of ${newest.label}.` : 'Newest first.';
}

/**
 * A question about a measure and nothing else ("trade in 2018 vs 2022", "latest energy
 * imports") is answered from the figures: those of the periods asked, each period in turn
 * for a comparison, newest first for "latest", else oldest first.
 */
function figureAnswer(ctx: CommandContext, q: Understood): (Pick<Answer, 'lead' | 'items' | 'sources'> & { facts: Fact[] }) | undefined {
  if (q.measures.length === 0 || q.unexplained.length > 0) return undefined;
  // A question that is only a measure's name of two words or more ("arms import share") asks for it too.
  if (!FIGURE_INTENTS.has(q.intent) && q.periods.length === 0 && !q.wholeName) return undefined;
  const fromSources = (f: Fact) => q.sources.length === 0 || q.sources.includes(f.sourceId);
  for (const group of q.measures) {
    // A trend asked ("trade by year") shows the forecasts and targets charted with it (`chart_with`) too.
    const trend = q.periods.length === 0 && q.intent !== 'latest';
    const companions = trend ? companionFigures(ctx, group) : [];
    const all = [...new Set([...group.flatMap((m) => ctx.lookups.measureFigures(m)), ...companions])].filter(fromSources);
    const meets = (f: Fact, p = q.periods) => p.some((asked) => periodsMeet(asked, (f.figure as NonNullable<Fact['figure']>).period));
    const facts = q.periods.length > 0 ? all.filter((f) => meets(f)) : all;
    if (facts.length === 0) continue;
    const byStart = (a: Fact, b: Fact) => (a.figure?.period.start ?? '').localeCompare(b.figure?.period.start ?? '');
    let ordered: Fact[];
    let lead: string;
    if (q.intent === 'latest') {
      ordered = [...facts].sort((a, b) => byStart(b, a));
      lead = asOf([ctx.knowledge.sources.get(ordered[0].sourceId)?.published]);
    } else if (q.periods.length >= 2) {
      // Each period asked, in the order asked, with what the base lacks said plainly.
      ordered = [...new Set(q.periods.flatMap((p) => facts.filter((f) => meets(f, [p])).sort(byStart)))];
      const missing = q.periods.filter((p) => !facts.some((f) => meets(f, [p]))).map((p) => p.label);
      // "H1 2023 against the whole of 2020": a fact comparing the periods itself answers what no figure does.
      const comparing = missing.length > 0 ? comparingFacts(ctx, q).filter((f) => !ordered.includes(f)) : [];
      ordered = [...comparing, ...ordered];
      const gap =
        missing.length > 0
          ? ` The base has no figure for ${missing.join(' or ')}${comparing.length > 0 ? ', but a fact compares them' : ''}.`
          : '';
      lead = `Figures for ${q.periods.map((p) => p.label).join(' and ')}, side by side.${gap}`;
    } else {
      ordered = [...facts].sort(byStart);
      lead = q.periods.length === 1 ? `Figures for ${q.periods[0].label}.` : 'Figures, oldest first.';
    }
    const limit = Math.max(ANSWER_ITEMS, q.periods.length);
    const { items, sources } = ctx.composer.composeTop(ordered, limit);
    return { lead, items, sources, facts: ordered };
  }
  return undefined;
}

/**
 * Facts the search finds for the question that are about one period asked and name the years
 * of the others: a comparison stated in words ("H1 2023 was larger than the whole of 2020").
 */
function comparingFacts(ctx: CommandContext, q: Understood): Fact[] {
  const outcome = searchFor(ctx, q);
  if (!outcome.matched) return [];
  const within = (f: Fact, p: AskedPeriod) => f.about.start >= p.start && f.about.end <= p.end;
  const names = (f: Fact, p: AskedPeriod) => [p.start.slice(0, 4), p.end.slice(0, 4)].every((y) => f.claim.includes(y));
  return outcome.hits
    .map((h) => h.fact)
    .filter((f) => !f.figure && q.periods.some((p) => within(f, p) && q.periods.every((other) => other === p || names(f, other))));
}

/**
 * A question naming another country as a measure's partner ("China's trade with Ukraine")
 * when no figure of the measure names it: what the base's figures are about instead.
 */
function otherPartner(ctx: CommandContext, q: Understood): string | undefined {
  if (q.partners.length === 0 || q.measures.length === 0) return undefined;
  const figures = q.measures.flat().flatMap((m) => ctx.lookups.measureFigures(m));
  const missing = q.partners.filter((p) => !figures.some((f) => ctx.engine.mentions([f.claim, ...(f.places ?? [])].join(' '), p)));
  if (missing.length === 0) return undefined;
  const measure = q.measures[0][0];
  const name = ctx.knowledge.vocabulary.measureNames?.[measure]?.[0] ?? measure;
  const shown = missing.map((p) => (p === 'us' ? 'the US' : p.replace(/\b\p{L}/gu, (l) => l.toUpperCase())));
  return `The base's ${name} figures are between China and Russia; it has none involving ${shown.join(' or ')}. Try a topic below, or ask about China–Russia ${name}.`;
}

/**
 * A question only about a measure and a period ("trade in 2015") that no figure of the measure
 * covers: what the base lacks, and the periods it has figures for, each a question to ask.
 */
function missingFigure(ctx: CommandContext, q: Understood): { lead: string; items: AnswerItem[] } | undefined {
  if (q.measures.length === 0 || q.unexplained.length > 0 || q.periods.length === 0) return undefined;
  if (!FIGURE_INTENTS.has(q.intent) && q.intent !== 'lookup') return undefined;
  const fromSources = (f: Fact) => q.sources.length === 0 || q.sources.includes(f.sourceId);
  const measures = q.measures[0];
  const figures = measures.flatMap((m) => ctx.lookups.measureFigures(m)).filter((f) => fromSources(f) && f.figure?.periodGiven);
  if (figures.length === 0) return undefined;
  const periods = [...new Map(figures.map((f) => f.figure as NonNullable<Fact['figure']>).map((g) => [g.period.label, g.period])).values()];
  if (periods.some((p) => q.periods.some((asked) => periodsMeet(asked, p)))) return undefined;
  periods.sort((a, b) => a.start.localeCompare(b.start));
  const name = ctx.knowledge.vocabulary.measureNames?.[measures[0]]?.[0] ?? measures[0];
  return {
    lead: `The base has no ${name} figure for ${q.periods.map((p) => p.label).join(' or ')}. It has figures for the periods below.`,
    items: periods.map((p) =>
      guideLine({ command: 'ask', options: { question: `${name} in ${p.label}` } }, `the ${name} figures for ${p.label}`),
    ),
  };
}

/**
 * The forecasts, targets and estimates of the measures drawn on these measures' chart
 * (`chart_with` in measures.yaml): a trade target beside trade. Measured outcomes of a
 * companion are another quantity, so they never join.
 */
function companionFigures(ctx: CommandContext, measures: readonly string[]): Fact[] {
  return Object.entries(ctx.knowledge.chartWith ?? {})
    .filter(([companion, main]) => measures.includes(main) && !measures.includes(companion))
    .flatMap(([companion]) => ctx.lookups.measureFigures(companion))
    .filter((f) => f.figure?.kind !== 'actual');
}

/**
 * A question that names a period and nothing else ("what happened in Feb 2022") gets the
 * facts about that period, those dated by their event first, oldest first.
 */
function periodAnswer(ctx: CommandContext, q: Understood): (Pick<Answer, 'lead' | 'items' | 'sources'> & { facts: Fact[] }) | undefined {
  if (q.periods.length === 0 || q.measures.length > 0 || q.unexplained.length > 0) return undefined;
  // A bare year ("2024") is too broad: the question must ask something of the period.
  if (!tokenize(q.searchText).some((t) => !ENGLISH_STOP_WORDS.has(t) && !/^\d+$/.test(t))) return undefined;
  const within = (f: Fact) => q.periods.some((p) => f.about.start >= p.start && f.about.end <= p.end);
  const fromSources = (f: Fact) => q.sources.length === 0 || q.sources.includes(f.sourceId);
  const facts = ctx.knowledge.facts.filter((f) => within(f) && fromSources(f));
  if (facts.length === 0) return undefined;
  const byEvent = (f: Fact) => (isEventDated(ctx.knowledge, f) ? 0 : 1);
  facts.sort((a, b) => byEvent(a) - byEvent(b) || Number(b.key) - Number(a.key) || a.about.start.localeCompare(b.about.start));
  const { items, sources } = ctx.composer.composeTop(facts, ANSWER_ITEMS);
  return { lead: `About ${q.periods.map((p) => p.label).join(' and ')}: events first.`, items, sources, facts };
}

/**
 * The hits reordered for what the question asks: "who said…" puts attributed quotations
 * first (the named speaker's before others), "when…" puts facts dated by their event (not
 * just by their article) first. Otherwise relevance order stands.
 */
function orderForIntent(knowledge: Knowledge, q: Understood, hits: SearchHit[]): Fact[] {
  // Only quotes nearly as good as the best hit are moved up: a weak quote does not beat the answer.
  const top = hits[0]?.score ?? 0;
  const rank = ({ fact: f, score }: SearchHit): number => {
    if (q.intent === 'who-said' && score < top * PROMOTED_SHARE) return 3;
    // "What did Mishustin say": his words first; "who said…": anyone's attributed words first.
    if (q.intent === 'who-said')
      return f.saidBy && q.people.includes(f.saidBy) ? 0 : f.saidBy && (q.people.length > 0 || /^\s*who\b/.test(q.searchText)) ? 1 : 2;
    if (q.intent === 'when') return isEventDated(knowledge, f) ? 0 : 1;
    return 0;
  };
  return hits
    .map((h, i) => ({ f: h.fact, i, r: rank(h) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

/**
 * A fact dated by what happened, not only by the article that reports it: a date other than
 * the article's, or a stretch of time over before the article ("the late 1950s", not "since
 * the invasion").
 */
function isEventDated(knowledge: Knowledge, f: Fact): boolean {
  const published = knowledge.sources.get(f.sourceId)?.published;
  if (!published) return true;
  if (f.about.raw.includes('/')) return f.about.end < published.start;
  return f.about.raw !== published.raw;
}
