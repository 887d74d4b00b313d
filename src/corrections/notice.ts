/**
 * What a correction says, as an Answer, so every renderer shows it in the same sourced form
 * as any answer: what we reported, cited to its source, and what our sources say now, cited
 * to theirs; or that the fact was withdrawn, and why. Plus the line the original message gets.
 */
import { citedSource } from '../answer/compose.ts';
import type { Answer, CitedSource, FactItem } from '../answer/types.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { FactChange } from './assess.ts';
import type { ShownFact } from './shown.ts';

/** `1 Dec 2026`, as the digest writes dates, in UTC (the day the bot corrected it). */
export function correctionDate(at: Date): string {
  return at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The line added to the corrected message. */
export function correctedLine(at: Date): string {
  return `Corrected on ${correctionDate(at)}, see thread.`;
}

/** A source the base no longer lists is cited by its id alone: nothing about it is made up. */
function cite(sourceId: string, citation: number, knowledge: Knowledge): CitedSource {
  const source = knowledge.sources.get(sourceId);
  return source
    ? citedSource(source, citation)
    : { id: sourceId, citation, title: sourceId, authors: [], published: 'date unknown', approximate: false };
}

/** The claim as shown, with its figure when only the figure tells the two apart. */
function said(shown: ShownFact, other?: ShownFact): string {
  const figure = shown.figure && other && shown.figure !== other.figure && shown.claim === other.claim ? ` (figure: ${shown.figure})` : '';
  return `${shown.claim}${figure}`;
}

function item(text: string, shown: ShownFact, citation: number): FactItem {
  return {
    type: 'fact',
    text,
    date: shown.date,
    sources: [shown.sourceId],
    citations: [citation],
    evidence: [{ factId: shown.factId, sourceId: shown.sourceId, citation, quote: shown.quote }],
    corroborated: false,
  };
}

/** The threaded reply for one change. */
export function correctionAnswer(change: FactChange, knowledge: Knowledge, at: Date): Answer {
  const { before } = change;
  // Posted in the thread of a public post, for everyone who saw it; never shared on or cached.
  const base = {
    query: '',
    matched: true,
    next: [],
    kind: 'topic' as const,
    show: { audience: 'channel' as const, shareable: false, cacheable: false },
  };
  if (change.kind === 'withdrawn') {
    return {
      ...base,
      title: 'Correction: a fact in this post has been withdrawn',
      lead: `This fact has been withdrawn: ${change.reason}. Corrected on ${correctionDate(at)}.`,
      items: [item(`We reported: ${said(before)}`, before, 1)],
      sources: [cite(before.sourceId, 1, knowledge)],
    };
  }
  const { now } = change;
  const sameSource = now.sourceId === before.sourceId;
  const nowCitation = sameSource ? 1 : 2;
  return {
    ...base,
    title: 'Correction to this post',
    lead: `${change.kind === 'superseded' ? 'A later report updates a fact in this post' : 'A fact in this post has changed'}. Corrected on ${correctionDate(at)}.`,
    items: [item(`We reported: ${said(before, now)}`, before, 1), item(`Our sources now say: ${said(now, before)}`, now, nowCitation)],
    sources: sameSource ? [cite(before.sourceId, 1, knowledge)] : [cite(before.sourceId, 1, knowledge), cite(now.sourceId, 2, knowledge)],
  };
}
