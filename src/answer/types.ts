/**
 * The one platform-neutral value every command returns. Adapters (Slack, Discord, the
 * console) only render it; they never search or word facts themselves.
 */

import type { Chart } from '../chart/types.ts';
import type { CommandRef } from '../commands/request.ts';
import type { Figure } from '../knowledge/types.ts';

export type { CommandRef };

export type AnswerKind = 'help' | 'topics' | 'topic' | 'search' | 'no-match' | 'sources' | 'timeline' | 'verify' | 'report';

export interface Answer {
  kind: AnswerKind;
  /** The user's text, cleaned of control characters and cut to a readable length. Renderers must escape it. */
  query: string;
  /** False only for a question nothing in the base answers. */
  matched: boolean;
  title: string;
  /** One line under the title, e.g. how the items were chosen. */
  lead?: string;
  items: AnswerItem[];
  /** Sources cited by the items; citation number n is `sources[n - 1]`. */
  sources: CitedSource[];
  /** Requests the reader may try next; each surface writes them in its own syntax (`timeline trade`). */
  next: CommandRef[];
  /** How the answer may be shown: adapters decide privacy, the Share button and caching from this alone. */
  show: Show;
  /** For a question: how it was read (for debugging and `ask --json`). */
  understood?: QueryInfo;
  /** Present when the items show one measure over three or more periods: each surface draws it its own way. */
  chart?: Chart;
}

/**
 * Who may see an answer and what may be done with it. A question's answer may go to the
 * channel, be shared and be cached; a digest command's is about the channel's settings: only
 * the asker sees it, it has no Share button, and it is read afresh every time.
 */
export interface Show {
  audience: 'asker' | 'channel';
  shareable: boolean;
  cacheable: boolean;
}

/** How a question was read. */
export interface QueryInfo {
  intent: string;
  /** Periods as people read them: `2018`, `H1 2023`, `since 2014`. */
  periods: string[];
  measures: string[];
  sources: string[];
  phrases: string[];
}

/** What one source says in support of an item. */
export interface Evidence {
  factId: string;
  sourceId: string;
  citation: number;
  quote: string;
}

/**
 * One statement as its own sources make it: a claim cited only to the sources whose facts
 * say exactly that (the same claim, or the same quote). Never another source's words.
 */
export interface Statement {
  text: string;
  date?: string;
  figure?: Figure;
  sources: string[];
  citations: number[];
  evidence: Evidence[];
}

/** One side of a figure or claim on which sources disagree. */
export interface Variant extends Statement {
  /** Present when sources on this side agree in their own, different words: each one's statement (the first is `text`). */
  statements?: Statement[];
}

/** What every item citing the base has: when it is about, its sources and their quotes. */
interface CitedItem {
  /** When the item is about, as people read it: `2018`, `H1 2023`. */
  date?: string;
  /** A label to show before the date: `new` (added since the last digest), `on this day`. */
  mark?: string;
  /** Sort key: first day of the period, `YYYY-MM-DD`. */
  dateKey?: string;
  /** Source ids, in citation order. */
  sources: string[];
  citations: number[];
  /** The supporting quotes, one per fact merged into this item. */
  evidence: Evidence[];
}

/** A statement the base makes, from one source or several that agree (or a line citing one source). */
export interface FactItem extends CitedItem {
  type: 'fact';
  /** A sentence from the knowledge base. */
  text: string;
  figure?: Figure;
  /** More than one source states it. */
  corroborated: boolean;
  /**
   * Present when sources agree in their own, different words: each source's statement with
   * its own date and citations (the first is `text`). Renderers show these, never `text`
   * under every citation.
   */
  statements?: Statement[];
}

/** The text of every conflict: the sides say the rest, so the summary repeats no claim. */
export const SOURCES_DIFFER = 'Sources differ';

/** Sources disagree: each side with its own sources, shown side by side. Never corroborated. */
export interface ConflictItem extends CitedItem {
  type: 'conflict';
  text: typeof SOURCES_DIFFER;
  /** Two or more sides. */
  variants: Variant[];
}

/** A line of guidance (help, topic lists, digest settings): it cites nothing. */
export interface GuideItem {
  type: 'guide';
  text: string;
  /**
   * The command this line describes, written in each surface's syntax; a plain string is a
   * label shown as it is (`time`, `next post`).
   */
  command?: CommandRef | string;
}

/** What the composer makes of facts: a fact or a conflict, never guidance. */
export type ComposedItem = FactItem | ConflictItem;

/**
 * What our sources say about one claim of a message: they agree, they give another value
 * (ours side by side with the message's), or they say nothing of it. Never "false".
 */
export type Verdict = 'agrees' | 'differs' | 'unknown';

/** How every surface words a verdict: only what our sources say, never whether the claim is true. */
export const VERDICT_TEXT: Record<Verdict, string> = {
  agrees: 'Our sources agree',
  differs: 'Our sources say otherwise',
  unknown: 'Not in our sources',
};

/** An `unknown` check that shows facts of ours: they speak to the claim without settling it (see its note). */
export const UNSETTLED_TEXT = 'Not settled by our sources';

/** One claim found in a message, with what our sources say about it. */
export interface CheckItem {
  type: 'check';
  /** The verdict as words (`VERDICT_TEXT`): the bot's own sentence, never the message's. */
  text: string;
  /** The claim in the message's own words (user input: renderers escape it, it must ping no one). */
  claim: string;
  verdict: Verdict;
  /** What the claim states, as read: `2022 · trade-volume · 240 billion USD`, `quote of Xi Jinping`. */
  reading?: string;
  /** Why ours neither agree nor differ, or how they differ (the base's words, never the message's). */
  note?: string;
  /** The facts the verdict rests on (ours), each with its own sources; empty when the base has nothing on it. */
  items: ComposedItem[];
  /** Source ids of those items, in citation order. */
  sources: string[];
  citations: number[];
  /** Every quote those items rest on. */
  evidence: Evidence[];
}

export type AnswerItem = FactItem | ConflictItem | GuideItem | CheckItem;

export interface CitedSource {
  id: string;
  citation: number;
  title: string;
  publisher?: string;
  authors: string[];
  /** The larger work the text is an excerpt of, as the text names it. */
  excerptOf?: string;
  /** The site the text was reposted on (never its publisher). */
  via?: string;
  reposted?: boolean;
  /** The text is a machine translation: its quotes are not the author's own words. */
  machineTranslated?: boolean;
  /** Publication date as people read it; `approximate` when inferred from the text. */
  published: string;
  approximate: boolean;
}
