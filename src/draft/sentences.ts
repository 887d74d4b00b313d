/**
 * The article cut into sentences (Intl.Segmenter, the ICU sentence rules built into Node),
 * with headings, bylines and footers left out, and quotes cut to a readable length at a
 * sentence or clause boundary.
 */

export interface Sentence {
  text: string;
  /** Index of the paragraph (blank-line separated block) it stands in. */
  paragraph: number;
  /** Index among all sentences kept. */
  index: number;
}

export const MAX_QUOTE = 300;

/** Segments that end in one of these are not sentence ends ("Mr. Xi"). */
function endsInAbbreviation(segment: string, abbreviations: string[]): boolean {
  const last = segment.trimEnd().split(/\s+/).pop() ?? '';
  return abbreviations.includes(last);
}

/** A line that is prose: it ends like a sentence, or a quotation closes it. */
function isProse(text: string): boolean {
  return /[.!?…]["”’)]?$|[”"]$/.test(text.trim()) && text.trim().split(/\s+/).length >= 5;
}

export function splitSentences(article: string, abbreviations: string[]): Sentence[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const sentences: Sentence[] = [];
  article
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .forEach((block, paragraph) => {
      // A block is one paragraph: a hard line break inside it is a heading or a byline line.
      for (const line of block.split('\n')) {
        let pending = '';
        for (const { segment } of segmenter.segment(line.trim())) {
          pending += segment;
          if (endsInAbbreviation(pending, abbreviations)) continue;
          const text = pending.trim();
          pending = '';
          if (isProse(text)) sentences.push({ text, paragraph, index: sentences.length });
        }
        if (pending.trim() && isProse(pending.trim())) sentences.push({ text: pending.trim(), paragraph, index: sentences.length });
      }
    });
  return sentences;
}

/**
 * `text` cut to at most `max` characters around `focus` (an index into it), at a clause
 * boundary (comma, semicolon, dash) so the quote stays verbatim and reads whole.
 */
export function cutQuote(text: string, focus = 0, max = MAX_QUOTE): string {
  if (text.length <= max) return text;
  const bounds = [0];
  for (const m of text.matchAll(/[,;:—–] +/g)) bounds.push((m.index ?? 0) + m[0].length);
  bounds.push(text.length);
  // The widest run of whole clauses that holds the focus and fits.
  let best = { from: 0, to: 0 };
  for (let i = 0; i < bounds.length; i++) {
    for (let j = i + 1; j < bounds.length; j++) {
      const [from, to] = [bounds[i], bounds[j]];
      if (to - from > max) break;
      if (from <= focus && focus < to && to - from > best.to - best.from) best = { from, to };
    }
  }
  if (best.to === 0) return text.slice(Math.max(0, focus - 40), Math.max(0, focus - 40) + max).trim();
  return text
    .slice(best.from, best.to)
    .replace(/[,;:—–]\s*$/, '')
    .trim();
}
