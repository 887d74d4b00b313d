/**
 * Turning chosen facts into answer items: facts that agree are one item (corroboration) and
 * facts that disagree are kept side by side (a conflict the reader must see). Inside an item
 * each source keeps its own words: facts share one line only when they make the same
 * statement (the same claim or the same quote); otherwise each claim is shown with its own
 * date and citation. Citation numbers follow first appearance.
 */
import type { Fact, Figure, Knowledge, Source } from '../knowledge/types.ts';
import { sourceTitle } from '../knowledge/types.ts';
import type { CitedSource, ComposedItem, Evidence, Statement, Variant } from './types.ts';
import { SOURCES_DIFFER } from './types.ts';

/** The mark of an item that updates an earlier report, and of the earlier report shown after it. */
export const UPDATED_MARK = 'updated';
export const REPORTED_EARLIER_MARK = 'reported earlier';

export interface Composed {
  items: ComposedItem[];
  sources: CitedSource[];
}

/**
 * Figures of one quantity: same measure, period, unit, currency and kind (a forecast is never
 * merged with, or set against, the outcome). A figure stated without its period is no
 * period's figure: it is compared with nothing.
 */
function figureKey(f: Figure): string | undefined {
  if (!f.periodGiven) return undefined;
  return [f.measure, f.kind, f.period.start, f.period.end, f.unit, f.currency ?? ''].join('|');
}

/** Two figures of the same quantity (see figureKey). */
function sameQuantity(a: Figure | undefined, b: Figure | undefined): a is Figure {
  if (!a || !b) return false;
  const key = figureKey(a);
  return key !== undefined && key === figureKey(b);
}

/** Do two statements of the same quantity agree, given their bounds (`more than 100` and `108` do)? */
export function figuresAgree(a: Figure, b: Figure): boolean {
  const close = (x: number, y: number, tolerance: number) => Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
  const fits = (bounded: Figure, other: Figure) => {
    switch (bounded.bound) {
      case 'more-than':
        return other.value > bounded.value || (other.bound === 'more-than' && other.value === bounded.value);
      case 'at-least':
        return other.value >= bounded.value;
      case 'less-than':
        return other.value < bounded.value || (other.bound === 'less-than' && other.value === bounded.value);
      case 'about':
        return close(bounded.value, other.value, 0.05);
      default:
        return undefined;
    }
  };
  const ab = fits(a, b);
  const ba = fits(b, a);
  if (ab === undefined && ba === undefined) return close(a.value, b.value, 1e-9);
  return (ab ?? true) && (ba ?? true);
}

/**
 * The facts that belong with `fact` in one item: the same figure (by measure and period) and
 * those linked by `corroborates` / `conflicts_with`, from anywhere in the base.
 */
function groupOf(fact: Fact, knowledge: Knowledge, byFigure: Map<string, Fact[]>, linked: Map<string, Set<string>>): Fact[] {
  const group = new Map<string, Fact>([[fact.id, fact]]);
  const queue = [fact];
  while (queue.length > 0) {
    const f = queue.pop() as Fact;
    const key = f.figure && figureKey(f.figure);
    const related = [
      ...(key ? (byFigure.get(key) ?? []) : []),
      ...[...(linked.get(f.id) ?? [])].map((id) => knowledge.factById.get(id) as Fact),
    ];
    for (const r of related) {
      if (r && !group.has(r.id)) {
        group.set(r.id, r);
        queue.push(r);
      }
    }
  }
  return [...group.values()];
}

/**
 * Splits a group into sides that agree among themselves. Facts that corroborate each other
 * (or state agreeing figures) always stand on the same side; sides never hold a conflict.
 */
function sidesOf(group: Fact[]): Fact[][] {
  const conflicting = (a: Fact, b: Fact) =>
    a.conflictsWith.includes(b.id) ||
    b.conflictsWith.includes(a.id) ||
    (sameQuantity(a.figure, b.figure) && !figuresAgree(a.figure, b.figure as Figure));
  const agreeing = (a: Fact, b: Fact) =>
    a.corroborates.includes(b.id) ||
    b.corroborates.includes(a.id) ||
    (sameQuantity(a.figure, b.figure) && figuresAgree(a.figure, b.figure as Figure));
  // Clusters of facts joined by agreement, in group order.
  const clusters: Fact[][] = [];
  for (const fact of group) {
    const joined = clusters.filter((c) => c.some((other) => agreeing(fact, other)));
    const merged = [...joined.flat(), fact];
    for (const c of joined) clusters.splice(clusters.indexOf(c), 1);
    clusters.push(merged);
  }
  clusters.sort((a, b) => group.indexOf(a[0]) - group.indexOf(b[0]));
  const sides: Fact[][] = [];
  for (const cluster of clusters) {
    const side = sides.find((s) => s.every((other) => cluster.every((f) => !conflicting(f, other))));
    if (side) side.push(...cluster);
    else sides.push([...cluster]);
  }
  for (const side of sides) side.sort((a, b) => group.indexOf(a) - group.indexOf(b));
  return sides;
}

/** A registry source as an answer cites it, under citation number `citation`. */
export function citedSource(s: Source, citation: number): CitedSource {
  return {
    id: s.id,
    citation,
    title: sourceTitle(s),
    publisher: s.publisher,
    authors: s.authors,
    excerptOf: s.excerptOf,
    via: s.via,
    reposted: s.reposted,
    machineTranslated: s.machineTranslated,
    published: s.published.label,
    approximate: s.approximate,
  };
}

export class Composer {
  private readonly byFigure = new Map<string, Fact[]>();
  private readonly linked = new Map<string, Set<string>>();
  /** Facts by the id of the later fact that supersedes them. */
  private readonly supersededFrom = new Map<string, Fact[]>();
  /** Each fact's group, worked out on first use: the base never changes under a composer. */
  private readonly groups = new Map<string, Fact[]>();
  /** Claims and quotes as `sameStatement` compares them, each worked out once. */
  private readonly plainTexts = new Map<string, string>();
  private readonly plain = (text: string): string => {
    let plain = this.plainTexts.get(text);
    if (plain === undefined) {
      plain = plainText(text);
      this.plainTexts.set(text, plain);
    }
    return plain;
  };

  constructor(private readonly knowledge: Knowledge) {
    for (const fact of knowledge.facts) {
      if (fact.supersededBy) this.supersededFrom.set(fact.supersededBy, [...(this.supersededFrom.get(fact.supersededBy) ?? []), fact]);
      const key = fact.figure && figureKey(fact.figure);
      if (key) this.byFigure.set(key, [...(this.byFigure.get(key) ?? []), fact]);
      for (const other of [...fact.corroborates, ...fact.conflictsWith]) {
        this.link(fact.id, other);
        this.link(other, fact.id);
      }
    }
  }

  private link(a: string, b: string) {
    const set = this.linked.get(a) ?? new Set<string>();
    set.add(b);
    this.linked.set(a, set);
  }

  /**
   * Facts connected by `superseded_by`, the newest (the one nothing supersedes) first, then
   * the earlier ones, latest first. A fact nothing supersedes and that supersedes nothing is alone.
   */
  private supersessionChain(fact: Fact): Fact[] {
    const chain = new Map<string, Fact>([[fact.id, fact]]);
    const queue = [fact];
    while (queue.length > 0) {
      const f = queue.pop() as Fact;
      const next = f.supersededBy ? this.knowledge.factById.get(f.supersededBy) : undefined;
      for (const other of [...(next ? [next] : []), ...(this.supersededFrom.get(f.id) ?? [])]) {
        if (!chain.has(other.id)) {
          chain.set(other.id, other);
          queue.push(other);
        }
      }
    }
    const newest = [...chain.values()].find((f) => !f.supersededBy || !chain.has(f.supersededBy)) as Fact;
    const earlier = [...chain.values()].filter((f) => f !== newest).sort((a, b) => b.about.start.localeCompare(a.about.start));
    return [newest, ...earlier];
  }

  /** Items in the order of `facts` (each fact's group appears once, where its first member was). */
  compose(facts: Fact[]): Composed {
    const placed = new Set<string>();
    const groups: { facts: Fact[]; mark?: string }[] = [];
    for (const fact of facts) {
      if (placed.has(fact.id)) continue;
      // A superseded fact is shown after the fact that updates it, marked as reported earlier.
      const [lead, ...earlier] = this.supersessionChain(fact);
      const inChain = new Set([lead.id, ...earlier.map((f) => f.id)]);
      for (const [i, member] of [lead, ...earlier].entries()) {
        if (placed.has(member.id)) continue;
        const group = this.groupOf(member).filter((g) => g === member || (!inChain.has(g.id) && !placed.has(g.id)));
        // The chosen fact leads its group; the rest keep date order.
        group.sort((a, b) => (a === member ? -1 : b === member ? 1 : a.about.start.localeCompare(b.about.start)));
        for (const g of group) placed.add(g.id);
        groups.push({ facts: group, mark: earlier.length === 0 ? undefined : i === 0 ? UPDATED_MARK : this.reportedEarlierMark(member) });
      }
    }

    const citations = new Map<string, number>();
    const cite = (sourceId: string) => {
      if (!citations.has(sourceId)) citations.set(sourceId, citations.size + 1);
      return citations.get(sourceId) as number;
    };
    const items = groups.map((group) => {
      const item = this.item(sidesOf(group.facts), cite);
      return group.mark ? { ...item, mark: group.mark } : item;
    });
    const sources: CitedSource[] = [...citations].map(([id, citation]) => {
      const s = this.knowledge.sources.get(id);
      if (!s) throw new Error(`sinorussia: cited source "${id}" is not in the registry`);
      return citedSource(s, citation);
    });
    return { items, sources };
  }

  /** "reported earlier, 15 Jan 2026": when the superseded fact's source reported it. */
  private reportedEarlierMark(fact: Fact): string {
    const source = this.knowledge.sources.get(fact.sourceId);
    return source ? `${REPORTED_EARLIER_MARK}, ${source.approximate ? 'about ' : ''}${source.published.label}` : REPORTED_EARLIER_MARK;
  }

  /** Does another source state the same thing (or the same quantity)? */
  isCorroborated(fact: Fact): boolean {
    return this.groupOf(fact).some((f) => f.sourceId !== fact.sourceId);
  }

  private groupOf(fact: Fact): Fact[] {
    let group = this.groups.get(fact.id);
    if (!group) {
      group = groupOf(fact, this.knowledge, this.byFigure, this.linked);
      this.groups.set(fact.id, group);
    }
    return group;
  }

  /**
   * The first `limit` items of `facts`, optionally reordered, with citations numbered for
   * what is shown (composing everything first lets a group pull in facts from anywhere).
   */
  composeTop(facts: Fact[], limit: number, order?: (a: ComposedItem, b: ComposedItem) => number): Composed {
    // Compose a few times the limit (groups may merge several facts), more only if needed.
    let items: ComposedItem[] = [];
    for (let n = limit * 4; ; n *= 2) {
      items = this.compose(facts.slice(0, n)).items;
      if (items.length >= limit || n >= facts.length) break;
    }
    const top = items.slice(0, limit);
    if (order) top.sort(order);
    return this.compose(top.map((item) => this.knowledge.factById.get(item.evidence[0].factId) as Fact));
  }

  private item(sides: Fact[][], cite: (sourceId: string) => number): ComposedItem {
    const variants = sides.map((side) => variantOf(side, cite, this.plain));
    const evidence = variants.flatMap((v) => v.evidence);
    const sources = unique(evidence.map((e) => e.sourceId));
    const lead = sides[0][0];
    const base = {
      date: lead.about.label,
      dateKey: lead.about.start,
      sources,
      citations: ascending(evidence.map((e) => e.citation)),
      evidence,
    };
    if (variants.length === 1) {
      const [only] = variants;
      return {
        type: 'fact',
        ...base,
        text: only.text,
        figure: only.figure,
        corroborated: sources.length > 1,
        ...(only.statements ? { statements: only.statements } : {}),
      };
    }
    // The sides are in `variants`, each with its own sources: the summary repeats no claim.
    return { type: 'conflict', ...base, text: SOURCES_DIFFER, variants };
  }
}

/**
 * Do two facts make the same statement, so one line may cite both? The same claim or the
 * same quote, about the same date (otherwise each shows its own date).
 */
function sameStatement(a: Fact, b: Fact, plain: (text: string) => string): boolean {
  return a.about.raw === b.about.raw && (plain(a.claim) === plain(b.claim) || plain(a.quote) === plain(b.quote));
}

/** Text without case or punctuation, as two statements are compared. */
function plainText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

/** One side: its facts gathered into statements, each cited only to the facts that make it. */
function variantOf(side: Fact[], cite: (sourceId: string) => number, plain: (text: string) => string): Variant {
  const groups: Fact[][] = [];
  for (const fact of side) {
    const same = groups.find((g) => sameStatement(g[0], fact, plain));
    if (same) same.push(fact);
    else groups.push([fact]);
  }
  const statements = groups.map((g) => statementOf(g, cite));
  const [first] = statements;
  const evidence = statements.flatMap((st) => st.evidence);
  return {
    ...first,
    sources: unique(evidence.map((e) => e.sourceId)),
    citations: ascending(evidence.map((e) => e.citation)),
    evidence,
    ...(statements.length > 1 ? { statements } : {}),
  };
}

function statementOf(facts: Fact[], cite: (sourceId: string) => number): Statement {
  const evidence: Evidence[] = facts.map((f) => ({ factId: f.id, sourceId: f.sourceId, citation: cite(f.sourceId), quote: f.quote }));
  return {
    text: facts[0].claim,
    date: facts[0].about.label,
    figure: facts[0].figure,
    sources: unique(evidence.map((e) => e.sourceId)),
    citations: ascending(evidence.map((e) => e.citation)),
    evidence,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function ascending(numbers: number[]): number[] {
  return unique(numbers).sort((a, b) => a - b);
}
