import { type ChartJson, chartToJson } from '../chart/json.ts';
import { requestText } from '../commands/request-text.ts';
import type { Figure } from '../knowledge/types.ts';
import { sourceCredit, unknownItem } from './label.ts';
import type { Answer, AnswerItem, CheckItem, QueryInfo, Statement, Variant, Verdict } from './types.ts';

interface FigureJson {
  measure: string;
  value: number;
  unit: string;
  currency?: string;
  bound: string;
  /** `actual`, `forecast`, `target` or `estimate`. */
  kind: string;
  /** What the figure covers; absent when the text gives no period (then `stated_in`). */
  period?: string;
  /** When a figure of unknown period was stated: never that year's total. */
  stated_in?: string;
}

interface StatementJson {
  text: string;
  date?: string;
  quote?: string;
  sources: string[];
  figure?: FigureJson;
}

/**
 * The documented JSON shape of `sinorussia ask --json` (see the README). Scripts depend on
 * it: add fields, never rename or remove them. A `text` is only ever paired with the
 * sources that state it.
 */
export interface AnswerJson {
  query: string;
  matched: boolean;
  kind: Answer['kind'];
  title: string;
  items: {
    /** `fact`, `conflict` (then `variants`) or `guide` (a line of help: `command: what it does`, citing nothing). */
    type: AnswerItem['type'];
    text: string;
    date?: string;
    mark?: string;
    quote?: string;
    /** The sources that state `text` (for a conflict, every side's). */
    sources: string[];
    figure?: FigureJson;
    /** How many sources agree, when more than one does (each one's own words in `statements`). */
    agree?: number;
    /** Present when sources agree in different words: each statement with its own sources; the first is `text`. */
    statements?: StatementJson[];
    variants?: (StatementJson & { statements?: StatementJson[] })[];
    /** On a `check` item: the message's claim and what our sources say of it. */
    claim?: string;
    verdict?: Verdict;
  }[];
  sources: {
    id: string;
    title: string;
    publisher?: string;
    author?: string;
    excerpt_of?: string;
    via?: string;
    reposted?: boolean;
    machine_translated?: boolean;
    /** How every surface credits it: publisher and authors, excerpt, repost, translation. */
    credit?: string;
    published?: string;
    approximate: boolean;
  }[];
  /** For a question: how it was read (intent, periods, measures, named sources, phrases). */
  understood?: QueryInfo;
  /** Present when the answer shows one measure over three or more periods (see src/chart/json.ts). */
  chart?: ChartJson;
}

function figureJson(f: Figure | undefined): FigureJson | undefined {
  if (!f) return undefined;
  const { period, periodGiven, ...rest } = f;
  return periodGiven ? { ...rest, period: period.raw } : { ...rest, stated_in: period.raw };
}

function statementJson(st: Statement): StatementJson {
  return { text: st.text, date: st.date, quote: st.evidence[0]?.quote, sources: st.sources, figure: figureJson(st.figure) };
}

function variantJson(v: Variant): StatementJson & { statements?: StatementJson[] } {
  return { ...statementJson(v), sources: (v.statements?.[0] ?? v).sources, statements: v.statements?.map(statementJson) };
}

function itemJson(item: AnswerItem): AnswerJson['items'][number] {
  switch (item.type) {
    case 'fact':
      return {
        type: item.type,
        text: item.text,
        date: item.date,
        mark: item.mark,
        quote: item.evidence[0]?.quote,
        sources: item.statements ? item.statements[0].sources : item.sources,
        figure: figureJson(item.figure),
        agree: item.corroborated && item.sources.length > 1 ? item.sources.length : undefined,
        statements: item.statements?.map(statementJson),
      };
    case 'conflict':
      return {
        type: item.type,
        text: item.text,
        date: item.date,
        mark: item.mark,
        sources: item.sources,
        variants: item.variants.map(variantJson),
      };
    case 'guide':
      if (!item.command) return { type: item.type, text: item.text, sources: [] };
      // Each line names its command as it is typed on the command line.
      return {
        type: item.type,
        text: `${typeof item.command === 'string' ? item.command : requestText(item.command)}: ${item.text}`,
        sources: [],
      };
    case 'check':
      // In ask's shape a check is its verdict line over the sources it rests on; `verify --json` gives it in full.
      return { type: item.type, text: `${item.text}: ${item.claim}`, sources: item.sources, verdict: item.verdict, claim: item.claim };
    default:
      return unknownItem(item);
  }
}

/** One checked claim in `verify --json`: the message's words, the verdict, and ours in ask's item shape. */
export interface CheckJson {
  claim: string;
  verdict: Verdict;
  /** What the claim was read as (`2022 · bilateral-trade · 190 billion USD`). */
  reading?: string;
  /** Why ours neither agree nor differ, or how they differ. */
  note?: string;
  items: AnswerJson['items'];
  sources: AnswerJson['sources'];
}

/** The documented JSON shape of `sinorussia verify --json` (see the README): add fields, never rename or remove them. */
export interface VerifyJson {
  text: string;
  /** False when nothing in the text could be checked (`checks` is then empty). */
  checkable: boolean;
  checks: CheckJson[];
}

function sourceJson(s: Answer['sources'][number]): AnswerJson['sources'][number] {
  return {
    id: s.id,
    title: s.title,
    publisher: s.publisher,
    author: s.authors.length > 0 ? s.authors.join(', ') : undefined,
    excerpt_of: s.excerptOf,
    via: s.via,
    reposted: s.reposted || undefined,
    machine_translated: s.machineTranslated || undefined,
    credit: sourceCredit(s) || undefined,
    published: s.published,
    approximate: s.approximate,
  };
}

/** `verify --json`: each check with its own items and only the sources they cite. */
export function verifyToJson(answer: Answer, text: string): VerifyJson {
  const checks = answer.items.filter((item): item is CheckItem => item.type === 'check');
  return {
    text,
    checkable: checks.length > 0,
    checks: checks.map((check) => ({
      claim: check.claim,
      verdict: check.verdict,
      reading: check.reading,
      note: check.note,
      items: check.items.map(itemJson),
      sources: answer.sources.filter((s) => check.sources.includes(s.id)).map(sourceJson),
    })),
  };
}

export function answerToJson(answer: Answer): AnswerJson {
  return {
    query: answer.query,
    matched: answer.matched,
    kind: answer.kind,
    title: answer.title,
    items: answer.items.map(itemJson),
    sources: answer.sources.map(sourceJson),
    understood: answer.understood,
    ...(answer.chart ? { chart: chartToJson(answer.chart, answer.sources) } : {}),
  };
}
