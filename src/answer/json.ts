import type { Answer, QueryInfo } from './types.ts';

/**
 * The documented JSON shape of `sinorussia ask --json` (see the README). Scripts depend on
 * it: add fields, never rename or remove them.
 */
export interface AnswerJson {
  query: string;
  matched: boolean;
  kind: Answer['kind'];
  title: string;
  items: {
    text: string;
    date?: string;
    mark?: string;
    quote?: string;
    sources: string[];
    figure?: { measure: string; value: number; unit: string; currency?: string; bound: string; period: string };
    variants?: { text: string; date?: string; quote?: string; sources: string[] }[];
  }[];
  sources: { id: string; title: string; publisher?: string; author?: string; published?: string; approximate: boolean }[];
  /** For a question: how it was read (intent, periods, measures, named sources, phrases). */
  understood?: QueryInfo;
}

export function answerToJson(answer: Answer): AnswerJson {
  return {
    query: answer.query,
    matched: answer.matched,
    kind: answer.kind,
    title: answer.title,
    items: answer.items.map((item) => ({
      text: item.command ? `${item.command}: ${item.text}` : item.text,
      date: item.date,
      mark: item.mark,
      quote: item.evidence[0]?.quote,
      sources: item.sources,
      figure: item.figure && { ...item.figure, period: item.figure.period.raw },
      variants: item.variants?.map((v) => ({ text: v.text, date: v.date, quote: v.evidence[0]?.quote, sources: v.sources })),
    })),
    sources: answer.sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      author: s.authors.length > 0 ? s.authors.join(', ') : undefined,
      published: s.published,
      approximate: s.approximate,
    })),
    understood: answer.understood,
  };
}
