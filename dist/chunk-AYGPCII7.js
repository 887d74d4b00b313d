import {
  cleanInput,
  echo,
  stripMentions
} from "./chunk-2G7LUU62.js";
import {
  TOPICS,
  TOPIC_NAMES
} from "./chunk-7DL6OGDQ.js";

// adapters/console/render.ts
var PLAIN = { bold: (s) => s, dim: (s) => s };
var ANSI = { bold: (s) => `\x1B[1m${s}\x1B[22m`, dim: (s) => `\x1B[2m${s}\x1B[22m` };
var cites = (numbers) => numbers.map((n) => `[${n}]`).join("");
function itemLines(item, index, style) {
  if (item.command) return [`  ${style.bold(item.command.padEnd(18))} ${item.text}`];
  const date = item.date ? `${style.dim(item.date)}  ` : "";
  if (item.variants) {
    return [
      `${index + 1}. ${date}Sources differ:`,
      ...item.variants.map((v) => `     - ${v.date && v.date !== item.date ? `${style.dim(v.date)}  ` : ""}${v.text} ${cites(v.citations)}`)
    ];
  }
  return [`${index + 1}. ${date}${item.text} ${cites(item.citations)}`];
}
function sourceLine(s) {
  const by = [s.publisher, s.authors.join(", ")].filter(Boolean).join(", ");
  const date = `${s.approximate ? "about " : ""}${s.published}`;
  return `[${s.citation}] ${s.title}${by ? ` (${by})` : ""}, ${date}`;
}
function renderTerminal(answer, style = PLAIN) {
  const out = [style.bold(answer.title)];
  if (answer.lead) out.push(answer.lead);
  out.push("");
  answer.items.forEach((item, i) => out.push(...itemLines(item, i, style)));
  if (answer.sources.length > 0 && answer.kind !== "sources") {
    out.push("", style.bold("Sources"), ...answer.sources.map(sourceLine));
  }
  if (answer.next.length > 0) out.push("", style.dim(`Try: ${answer.next.join(" \xB7 ")}`));
  return out.join("\n");
}

// src/knowledge/types.ts
function sourceTitle(source) {
  return source.title ?? source.label ?? source.id;
}

// src/answer/compose.ts
function figureKey(f) {
  return [f.measure, f.period.start, f.period.end, f.unit, f.currency ?? ""].join("|");
}
function figuresAgree(a, b) {
  const close = (x, y, tolerance) => Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
  const fits = (bounded, other) => {
    switch (bounded.bound) {
      case "more-than":
        return other.value > bounded.value || other.bound === "more-than" && other.value === bounded.value;
      case "at-least":
        return other.value >= bounded.value;
      case "less-than":
        return other.value < bounded.value || other.bound === "less-than" && other.value === bounded.value;
      case "about":
        return close(bounded.value, other.value, 0.05);
      default:
        return void 0;
    }
  };
  const ab = fits(a, b);
  const ba = fits(b, a);
  if (ab === void 0 && ba === void 0) return close(a.value, b.value, 1e-9);
  return (ab ?? true) && (ba ?? true);
}
function groupOf(fact, knowledge, byFigure, linked) {
  const group = /* @__PURE__ */ new Map([[fact.id, fact]]);
  const queue = [fact];
  while (queue.length > 0) {
    const f = queue.pop();
    const related = [...f.figure ? byFigure.get(figureKey(f.figure)) ?? [] : [], ...[...linked.get(f.id) ?? []].map((id) => knowledge.factById.get(id))];
    for (const r of related) {
      if (r && !group.has(r.id)) {
        group.set(r.id, r);
        queue.push(r);
      }
    }
  }
  return [...group.values()];
}
function sidesOf(group) {
  const conflicting = (a, b) => a.conflictsWith.includes(b.id) || b.conflictsWith.includes(a.id) || !!a.figure && !!b.figure && !figuresAgree(a.figure, b.figure);
  const agreeing = (a, b) => a.corroborates.includes(b.id) || b.corroborates.includes(a.id) || !!a.figure && !!b.figure && figuresAgree(a.figure, b.figure);
  const clusters = [];
  for (const fact of group) {
    const joined = clusters.filter((c) => c.some((other) => agreeing(fact, other)));
    const merged = [...joined.flat(), fact];
    for (const c of joined) clusters.splice(clusters.indexOf(c), 1);
    clusters.push(merged);
  }
  clusters.sort((a, b) => group.indexOf(a[0]) - group.indexOf(b[0]));
  const sides = [];
  for (const cluster of clusters) {
    const side = sides.find((s) => s.every((other) => cluster.every((f) => !conflicting(f, other))));
    if (side) side.push(...cluster);
    else sides.push([...cluster]);
  }
  for (const side of sides) side.sort((a, b) => group.indexOf(a) - group.indexOf(b));
  return sides;
}
var Composer = class {
  constructor(knowledge) {
    this.knowledge = knowledge;
    for (const fact of knowledge.facts) {
      if (fact.figure) {
        const key = figureKey(fact.figure);
        this.byFigure.set(key, [...this.byFigure.get(key) ?? [], fact]);
      }
      for (const other of [...fact.corroborates, ...fact.conflictsWith]) {
        this.link(fact.id, other);
        this.link(other, fact.id);
      }
    }
  }
  knowledge;
  byFigure = /* @__PURE__ */ new Map();
  linked = /* @__PURE__ */ new Map();
  link(a, b) {
    const set = this.linked.get(a) ?? /* @__PURE__ */ new Set();
    set.add(b);
    this.linked.set(a, set);
  }
  /** Items in the order of `facts` (each fact's group appears once, where its first member was). */
  compose(facts) {
    const placed = /* @__PURE__ */ new Set();
    const groups = [];
    for (const fact of facts) {
      if (placed.has(fact.id)) continue;
      const group = groupOf(fact, this.knowledge, this.byFigure, this.linked);
      group.sort((a, b) => a === fact ? -1 : b === fact ? 1 : a.about.start.localeCompare(b.about.start));
      for (const g of group) placed.add(g.id);
      groups.push(group);
    }
    const citations = /* @__PURE__ */ new Map();
    const cite = (sourceId) => {
      if (!citations.has(sourceId)) citations.set(sourceId, citations.size + 1);
      return citations.get(sourceId);
    };
    const items = groups.map((group) => this.item(sidesOf(group), cite));
    const sources = [...citations].map(([id, citation]) => {
      const s = this.knowledge.sources.get(id);
      if (!s) throw new Error(`sinorussia: cited source "${id}" is not in the registry`);
      return {
        id,
        citation,
        title: sourceTitle(s),
        publisher: s.publisher,
        authors: s.authors,
        published: s.published.label,
        approximate: s.approximate
      };
    });
    return { items, sources };
  }
  /** Does another source state the same thing (or the same quantity)? */
  isCorroborated(fact) {
    return groupOf(fact, this.knowledge, this.byFigure, this.linked).some((f) => f.sourceId !== fact.sourceId);
  }
  /**
   * The first `limit` items of `facts`, optionally reordered, with citations numbered for
   * what is shown (composing everything first lets a group pull in facts from anywhere).
   */
  composeTop(facts, limit, order) {
    const top = this.compose(facts).items.slice(0, limit);
    if (order) top.sort(order);
    return this.compose(top.map((item) => this.knowledge.factById.get(item.evidence[0].factId)));
  }
  item(sides, cite) {
    const variants = sides.map((side) => variantOf(side, cite));
    const evidence = variants.flatMap((v) => v.evidence);
    const sources = unique(evidence.map((e) => e.sourceId));
    const lead = sides[0][0];
    const base = {
      date: lead.about.label,
      dateKey: lead.about.start,
      sources,
      citations: ascending(evidence.map((e) => e.citation)),
      evidence,
      corroborated: sources.length > 1
    };
    if (variants.length === 1) return { ...base, text: lead.claim, figure: lead.figure };
    return { ...base, text: `Sources differ: ${variants.map((v) => v.text).join(" / ")}`, variants, corroborated: false };
  }
};
function variantOf(side, cite) {
  const evidence = side.map((f) => ({ factId: f.id, sourceId: f.sourceId, citation: cite(f.sourceId), quote: f.quote }));
  return {
    text: side[0].claim,
    date: side[0].about.label,
    figure: side[0].figure,
    sources: unique(evidence.map((e) => e.sourceId)),
    citations: ascending(evidence.map((e) => e.citation)),
    evidence
  };
}
function unique(values) {
  return [...new Set(values)];
}
function ascending(numbers) {
  return unique(numbers).sort((a, b) => a - b);
}

// src/search/engine.ts
import MiniSearch from "minisearch";

// src/search/text.ts
import { stemmer } from "stemmer";
var ENGLISH_STOP_WORDS = new Set(
  `a an and are as at be been being but by can could for from had has have he her hers him his how i if in into is it its
  just may might more most my no nor not of on or our ours over she should so some such than that the their theirs them
  then there these they this those through to too under up upon very was we were what when where which while who whom
  whose why will with would you your yours also any each other own same only again further once here all few both
  s t about against between during before after above below off out until`.split(/\s+/)
);
function tokenize(text) {
  return text.normalize("NFKC").toLowerCase().replace(new RegExp("(\\p{L})['\\u2019](\\p{L})", "gu"), "$1$2").match(/[\p{L}\p{N}]+/gu) ?? [];
}
function stem(word) {
  return new RegExp("^\\p{N}+$", "u").test(word) ? word : stemmer(word);
}
function transpositions(word) {
  const out = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}
function editDistance(a, b, max = 2) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
    if (i > 0 && Math.min(...rows[i]) > max) return max + 1;
  }
  return rows[a.length][b.length];
}

// src/search/engine.ts
var MIN_COVERAGE = 2 / 3;
var WEAK_WEIGHT = 0.5;
var MIN_RELATIVE_SCORE = 0.4;
var GENERIC_SHARE = 0.3;
var MAX_CONCEPTS = 24;
var FIELDS = ["claim", "people", "places", "topics", "quote", "when"];
var BOOST = { claim: 2, people: 3, places: 2, topics: 1.5, quote: 1, when: 1 };
var SearchEngine = class {
  index;
  facts;
  df = /* @__PURE__ */ new Map();
  stopwords;
  generic;
  /** Synonym phrases as token lists, each mapped to the stems of its whole group. */
  phrases = [];
  constructor(knowledge) {
    this.facts = knowledge.facts;
    const { vocabulary } = knowledge;
    this.stopwords = /* @__PURE__ */ new Set([...ENGLISH_STOP_WORDS, ...vocabulary.stopwords]);
    const processTerm = (term) => this.stopwords.has(term) ? null : stem(term);
    this.index = new MiniSearch({
      fields: FIELDS,
      idField: "n",
      tokenize,
      processTerm,
      searchOptions: { boost: BOOST, tokenize: (q) => q.split(" "), processTerm: (t) => t }
    });
    const docs = this.facts.map(toIndexed);
    this.index.addAll(docs);
    for (const doc of docs) {
      const seen = new Set(FIELDS.flatMap((f) => tokenize(doc[f])).map(stem));
      for (const s of seen) this.df.set(s, (this.df.get(s) ?? 0) + 1);
    }
    this.generic = new Set(vocabulary.generic.flatMap(tokenize).map(stem));
    if (this.facts.length >= 50) {
      for (const [s, n] of this.df) if (n / this.facts.length > GENERIC_SHARE) this.generic.add(s);
    }
    for (const group of vocabulary.synonyms) {
      const stems = [...new Set(group.flatMap(tokenize).filter((t) => !this.stopwords.has(t)).map(stem))];
      for (const member of group) this.phrases.push({ tokens: tokenize(member), stems });
    }
    this.phrases.sort((a, b) => b.tokens.length - a.tokens.length);
  }
  search(question, options = {}) {
    const limit = options.limit ?? 6;
    const concepts = this.concepts(question);
    if (concepts.length === 0) return { hits: [], matched: false, reason: "empty", unmatched: [] };
    const meaningful = concepts.filter((c) => !c.generic);
    if (meaningful.length === 0) return { hits: [], matched: false, reason: "too-broad", unmatched: [] };
    const boostDocument = options.preferFigures ? (n) => this.facts[n].figure ? 3 : 1 : void 0;
    const exact = this.index.search(orOf(concepts.map((c) => orOf(c.stems))), { prefix: false, fuzzy: false, boostDocument });
    const strong = new Set(meaningful.filter((c) => found(exact, c.stems)));
    let results = exact;
    const weak = /* @__PURE__ */ new Set();
    const retry = meaningful.filter((c) => !strong.has(c) && c.fuzzyStem);
    if (retry.length > 0) {
      const loose = (c) => {
        const s = c.fuzzyStem;
        return { queries: [s], combineWith: "OR", prefix: s.length >= 4, fuzzy: s.length >= 8 ? 2 : s.length >= 5 ? 1 : false };
      };
      const query = orOf(concepts.map((c) => retry.includes(c) ? loose(c) : orOf(c.stems)));
      const second = this.index.search(query, { maxFuzzy: 2, boostDocument });
      for (const c of retry) if (found(second, [c.fuzzyStem])) weak.add(c);
      if (weak.size > 0) results = second;
    }
    const unmatched = meaningful.filter((c) => !strong.has(c) && !weak.has(c)).map((c) => c.text);
    const coverage = (strong.size + WEAK_WEIGHT * weak.size) / meaningful.length;
    const enough = coverage >= MIN_COVERAGE || unmatched.length === 0 && meaningful.length === 1;
    if (!enough) return { hits: [], matched: false, reason: "not-found", unmatched };
    const meaningfulTerms = new Set([...strong].flatMap((c) => c.stems).concat([...weak].map((c) => c.fuzzyStem)));
    const relevant = results.filter((r) => r.queryTerms.some((t) => meaningfulTerms.has(t)));
    const top = relevant[0]?.score ?? 0;
    const hits = relevant.filter((r) => r.score >= top * MIN_RELATIVE_SCORE).slice(0, limit).map((r) => ({ fact: this.facts[r.id], score: r.score }));
    return hits.length > 0 ? { hits, matched: true, unmatched } : { hits: [], matched: false, reason: "not-found", unmatched };
  }
  concepts(question) {
    const tokens = tokenize(question).slice(0, 200);
    const concepts = [];
    for (let i = 0; i < tokens.length && concepts.length < MAX_CONCEPTS; ) {
      const phrase = this.phrases.find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
      if (phrase) {
        concepts.push({ text: phrase.tokens.join(" "), stems: phrase.stems, generic: phrase.stems.every((s2) => this.generic.has(s2)) });
        i += phrase.tokens.length;
        continue;
      }
      const word = tokens[i++];
      if (this.stopwords.has(word)) continue;
      const s = stem(word);
      const known = this.df.has(s);
      const swapped = known ? [] : transpositions(s).filter((t) => this.df.has(t));
      concepts.push({
        text: word,
        stems: [s, ...swapped],
        generic: this.generic.has(s),
        fuzzyStem: known || swapped.length > 0 ? void 0 : s
      });
    }
    const seen = /* @__PURE__ */ new Set();
    return concepts.filter((c) => !seen.has(c.stems.join(" ")) && seen.add(c.stems.join(" ")));
  }
};
function toIndexed(fact, n) {
  const years = [];
  for (let y = Number(fact.about.start.slice(0, 4)); y <= Number(fact.about.end.slice(0, 4)) && years.length < 30; y++) {
    years.push(String(y));
  }
  return {
    n,
    claim: fact.claim,
    people: [...fact.people, fact.saidBy ?? ""].join(" "),
    places: fact.places.join(" "),
    topics: fact.topics.join(" "),
    quote: fact.quote,
    when: years.join(" ")
  };
}
function orOf(queries) {
  return { queries, combineWith: "OR" };
}
function found(results, terms) {
  return results.some((r) => r.queryTerms.some((t) => terms.includes(t)));
}

// src/answer/guide.ts
function guideLine(command, text) {
  return { text, command, sources: [], citations: [], evidence: [], corroborated: false };
}
function topicLines(knowledge) {
  const counts = /* @__PURE__ */ new Map();
  for (const fact of knowledge.facts) for (const t of fact.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  return TOPIC_NAMES.map((t) => guideLine(t, `${TOPICS[t]} (${counts.get(t) ?? 0} facts)`));
}

// src/commands/ask.ts
var WANTS_FIGURES = /\b(figures?|numbers?|stat(istic)?s|data|how (much|many|big|large)|worth|value|volume|by year|billions?|percent(age)?|share)\b/i;
var ANSWER_ITEMS = 5;
var askCommand = {
  name: "ask",
  usage: "ask <question>",
  summary: "the facts that answer a question (the word ask is optional)",
  listed: false,
  run(ctx, parsed) {
    const preferFigures = WANTS_FIGURES.test(parsed.args);
    const outcome = ctx.engine.search(parsed.args, { limit: ANSWER_ITEMS * 2, preferFigures });
    if (!outcome.matched) {
      const why = outcome.reason === "too-broad" ? "That is too broad to answer from single facts." : "Nothing in the knowledge base answers that.";
      return {
        kind: "no-match",
        query: parsed.query,
        matched: false,
        title: "No match",
        lead: `${why} Try a topic below, or ask about a figure, a deal, a person or an event.`,
        items: topicLines(ctx.knowledge),
        sources: [],
        next: ["topics", "help"]
      };
    }
    const byFiguresThenDate = (a, b) => Number(!a.figure) - Number(!b.figure) || (a.figure && b.figure ? (a.dateKey ?? "").localeCompare(b.dateKey ?? "") : 0);
    const { items, sources } = ctx.composer.composeTop(
      outcome.hits.map((h) => h.fact),
      ANSWER_ITEMS,
      preferFigures ? byFiguresThenDate : void 0
    );
    const topTopic = outcome.hits[0].fact.topics[0];
    return {
      kind: "search",
      query: parsed.query,
      matched: true,
      title: parsed.query,
      items,
      sources,
      next: [topTopic, `timeline ${topTopic}`]
    };
  }
};

// src/commands/help.ts
function helpCommand(commands) {
  return {
    name: "help",
    aliases: ["?", "h", "commands"],
    usage: "help",
    summary: "what the bot can do",
    run(_ctx, parsed) {
      return {
        kind: "help",
        query: parsed.query,
        matched: true,
        title: "sinorussia: sourced answers on China\u2013Russia relations",
        lead: "Ask a question or name a topic. Every answer cites the articles it comes from.",
        items: [
          guideLine("<topic>", "a short summary of one topic, e.g. trade"),
          guideLine("<question>", "the facts that answer a question, best first"),
          ...commands().filter((c) => c.listed !== false).map((c) => guideLine(c.usage, c.summary))
        ],
        sources: [],
        next: ["topics", "trade", "who called Putin his best friend?"]
      };
    }
  };
}

// src/commands/sources.ts
var sourcesCommand = {
  name: "sources",
  usage: "sources",
  summary: "the articles the facts come from, with their dates",
  run({ knowledge }, parsed) {
    const all = [...knowledge.sources.values()].sort((a, b) => b.published.start.localeCompare(a.published.start));
    const counts = /* @__PURE__ */ new Map();
    for (const f of knowledge.facts) counts.set(f.sourceId, (counts.get(f.sourceId) ?? 0) + 1);
    const items = all.map((s, i) => ({
      text: `${sourceTitle(s)} (${counts.get(s.id) ?? 0} facts)${s.note ? `. ${s.note}` : ""}`,
      date: `${s.approximate ? "about " : ""}${s.published.label}`,
      dateKey: s.published.start,
      sources: [s.id],
      citations: [i + 1],
      evidence: [],
      corroborated: false
    }));
    return {
      kind: "sources",
      query: parsed.query,
      matched: true,
      title: "Sources",
      lead: `${all.length} articles; dates marked "about" are inferred from the text.`,
      items,
      sources: all.map((s, i) => ({
        id: s.id,
        citation: i + 1,
        title: sourceTitle(s),
        publisher: s.publisher,
        authors: s.authors,
        published: s.published.label,
        approximate: s.approximate
      })),
      next: ["topics"]
    };
  }
};

// src/commands/topic-match.ts
function matchTopic(word) {
  const w = word.toLowerCase().trim();
  if (!w || w.includes(" ")) return void 0;
  const exact = TOPIC_NAMES.find((t) => t === w || `${t}s` === w || t === `${w}s`);
  if (exact) return exact;
  if (w.length < 5) return void 0;
  const close = TOPIC_NAMES.filter((t) => editDistance(w, t, 1) <= 1);
  return close.length === 1 ? close[0] : void 0;
}

// src/commands/topic.ts
var SUMMARY_ITEMS = 8;
function weight(fact, topic, corroborated) {
  return (fact.key ? 4 : 0) + (fact.figure ? 3 : 0) + (corroborated ? 2 : 0) + (fact.topics[0] === topic ? 1 : 0);
}
function topicFacts(ctx, topic) {
  return ctx.knowledge.facts.filter((f) => f.topics.includes(topic));
}
function topicSummary(ctx, topic, query) {
  const facts = topicFacts(ctx, topic);
  const weights = new Map(facts.map((f) => [f.id, weight(f, topic, ctx.composer.isCorroborated(f))]));
  const ranked = [...facts].sort(
    (a, b) => weights.get(b.id) - weights.get(a.id) || a.about.start.localeCompare(b.about.start)
  );
  const total = ctx.composer.compose(ranked).items.length;
  const { items, sources } = ctx.composer.composeTop(ranked, SUMMARY_ITEMS, (a, b) => (a.dateKey ?? "").localeCompare(b.dateKey ?? ""));
  const title = topic[0].toUpperCase() + topic.slice(1);
  return {
    kind: "topic",
    query,
    matched: true,
    title: `${title}: ${TOPICS[topic]}`,
    lead: `The ${items.length} most telling of ${total} items on ${topic}, oldest first.`,
    items,
    sources,
    next: [`timeline ${topic}`, "topics"]
  };
}
var topicCommand = {
  name: "topic",
  usage: "<topic>",
  summary: "a short summary of one topic",
  listed: false,
  run(ctx, parsed) {
    const topic = matchTopic(parsed.args);
    return topicSummary(ctx, topic, parsed.query);
  }
};

// src/commands/timeline.ts
var timelineCommand = {
  name: "timeline",
  usage: "timeline [topic]",
  summary: "every fact, or every fact of one topic, oldest first",
  run(ctx, parsed) {
    const word = parsed.args.trim();
    const topic = word ? matchTopic(word) : void 0;
    if (word && !topic) {
      return {
        kind: "no-match",
        query: parsed.query,
        matched: false,
        title: "No such topic",
        lead: "A timeline takes one of these topics, or none for every fact.",
        items: topicLines(ctx.knowledge),
        sources: [],
        next: ["timeline trade", "topics"]
      };
    }
    const facts = (topic ? topicFacts(ctx, topic) : ctx.knowledge.facts).slice();
    facts.sort((a, b) => a.about.start.localeCompare(b.about.start) || a.about.end.localeCompare(b.about.end));
    const { items, sources } = ctx.composer.compose(facts);
    return {
      kind: "timeline",
      query: parsed.query,
      matched: true,
      title: topic ? `Timeline: ${topic}` : "Timeline: all topics",
      lead: `${items.length} items, oldest first.`,
      items,
      sources,
      next: topic ? [topic, "topics"] : ["topics"]
    };
  }
};

// src/commands/topics.ts
var topicsCommand = {
  name: "topics",
  usage: "topics",
  summary: "the topics, with what each covers",
  run({ knowledge }, parsed) {
    return {
      kind: "topics",
      query: parsed.query,
      matched: true,
      title: "Topics",
      lead: "Type a topic for its summary, or timeline <topic> for every fact in date order.",
      items: topicLines(knowledge),
      sources: [],
      next: ["trade", "timeline energy"]
    };
  }
};

// src/commands/index.ts
var COMMANDS = [
  helpCommand(() => COMMANDS),
  topicsCommand,
  topicCommand,
  askCommand,
  sourcesCommand,
  timelineCommand
];
var ADDRESS = /^(?:[/@]?sinorussia\b[:,]?\s*)+/i;
function parseCommand(raw) {
  const text = stripMentions(cleanInput(raw)).replace(ADDRESS, "").trim();
  const query = echo(text);
  if (!text) return { name: "help", args: "", query };
  const [first, ...rest] = text.split(" ");
  const word = first.toLowerCase();
  const command = COMMANDS.find((c) => c.name === word || c.aliases?.includes(word));
  if (command && command !== topicCommand && command !== askCommand) return { name: command.name, args: rest.join(" "), query };
  const question = command === askCommand ? rest.join(" ") : text;
  if (!question) return { name: "help", args: "", query };
  const bare = question.replace(/[?!.]+$/, "");
  if (matchTopic(bare)) return { name: "topic", args: bare, query: echo(question) };
  return { name: "ask", args: question, query: echo(question) };
}
function createAnswerer(knowledge) {
  const context = { knowledge, engine: new SearchEngine(knowledge), composer: new Composer(knowledge) };
  const memo = /* @__PURE__ */ new Map();
  const run = (parsed) => {
    const command = COMMANDS.find((c) => c.name === parsed.name) ?? askCommand;
    if (command === askCommand) return command.run(context, parsed);
    const key = `${command.name} ${parsed.args.toLowerCase()}`;
    let answer = memo.get(key);
    if (!answer) {
      answer = command.run(context, parsed);
      if (memo.size < 500) memo.set(key, answer);
    }
    return { ...answer, query: parsed.query };
  };
  return { context, run, answer: (text) => run(parseCommand(text)) };
}

// src/knowledge/cache.ts
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var CACHE_VERSION = 1;
function hashDir(dir, hash = createHash("sha256"), prefix = "") {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashDir(path, hash, `${prefix}${entry.name}/`);
    else if (entry.isFile()) hash.update(`${prefix}${entry.name}\0`).update(readFileSync(path)).update("\0");
  }
  return hash;
}
function revive(json) {
  const data = JSON.parse(json);
  return {
    sources: new Map(data.sources),
    facts: data.facts,
    factById: new Map(data.facts.map((f) => [f.id, f])),
    measures: new Map(data.measures),
    vocabulary: data.vocabulary
  };
}
function serialise(k) {
  return JSON.stringify({ sources: [...k.sources], facts: k.facts, measures: [...k.measures], vocabulary: k.vocabulary });
}
async function loadKnowledgeCached(dir, cacheDir) {
  const key = hashDir(dir).update(`v${CACHE_VERSION}`).digest("hex").slice(0, 24);
  const file = join(cacheDir, `knowledge-${key}.json`);
  try {
    return revive(readFileSync(file, "utf8"));
  } catch {
  }
  const { loadKnowledge } = await import("./load-SUZ5RB6Z.js");
  const knowledge = loadKnowledge(dir);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialise(knowledge));
    renameSync(tmp, file);
  } catch {
  }
  return knowledge;
}

// app/knowledge-dir.ts
import { fileURLToPath } from "node:url";
var KNOWLEDGE_DIR = fileURLToPath(new URL("../knowledge/", import.meta.url));
var CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/sinorussia/", import.meta.url));

export {
  PLAIN,
  ANSI,
  renderTerminal,
  createAnswerer,
  loadKnowledgeCached,
  KNOWLEDGE_DIR,
  CACHE_DIR
};
