/**
 * The one platform-neutral value every command returns. Adapters (Slack, Discord, the
 * console) only render it; they never search or word facts themselves.
 */
import type { Figure } from '../knowledge/types.ts';
import type { CommandRef } from '../commands/request.ts';

export type { CommandRef };

export type AnswerKind = 'help' | 'topics' | 'topic' | 'search' | 'no-match' | 'sources' | 'timeline';

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

export interface AnswerItem {
  /** A sentence from the knowledge base (or, for help and lists, a line of guidance). */
  text: string;
  /** When the item is about, as people read it: `2018`, `H1 2023`. */
  date?: string;
  /** A label to show before the date: `new` (added since the last digest), `on this day`. */
  mark?: string;
  /** Sort key: first day of the period, `YYYY-MM-DD`. */
  dateKey?: string;
  figure?: Figure;
  /** Source ids, in citation order. */
  sources: string[];
  citations: number[];
  /** The supporting quotes, one per fact merged into this item. */
  evidence: Evidence[];
  /** More than one source states it (on its one side: a conflict is never corroborated). */
  corroborated: boolean;
  /**
   * Present when sources agree in their own, different words: each source's statement with
   * its own date and citations (the first is `text`). Renderers show these, never `text`
   * under every citation.
   */
  statements?: Statement[];
  /** Present when sources disagree: each side with its own sources, shown side by side. */
  variants?: Variant[];
  /**
   * For command lists (help, topics): the command this line describes, written in each
   * surface's syntax; a plain string is a label shown as it is (`time`, `next post`).
   */
  command?: CommandRef | string;
}

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
