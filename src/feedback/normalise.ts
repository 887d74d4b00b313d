/**
 * The normalised form that groups unanswered questions, so "Best restaurants in Moscow?" and
 * "best restaurants in moscow" count as one. In order:
 * 1. anything in angle brackets (how platforms write mentions and links) and words starting
 *    with an at sign are removed: they name people, and the core reads no platform's markup;
 * 2. Unicode compatibility forms are folded (NFKC) and letters lower-cased;
 * 3. punctuation and symbols become spaces (so `gas-deal?` reads `gas deal`), apostrophes vanish;
 * 4. runs of white space become one space, and the ends are trimmed;
 * 5. stop words are dropped from both edges only ("what is the gas deal" → "gas deal"): a word
 *    inside the question may carry its meaning ("gas for china").
 * A question made of stop words alone keeps its words, so it still has a group.
 */

/** Words that open or close a question without saying what it is about. */
export const EDGE_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of in on at to for with about by from ' +
    'is are was were be been do does did can could would will should ' +
    'what whats which who whom how why when where ' +
    'please tell me us show give explain any some there i you we it this that ask ' +
    'now today pls thanks thank'
  ).split(' '),
);

const BRACKETED = /<[^<>\s]*>/g;
const AT_WORD = /(^|\s)@\S*/g;

/** The question without anything that names or pings a person (what is kept as its example). */
export function withoutMentions(question: string): string {
  return question.replace(BRACKETED, ' ').replace(AT_WORD, ' ').replace(/\s+/g, ' ').trim();
}

export function normaliseQuestion(question: string): string {
  const words = withoutMentions(question)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let start = 0;
  let end = words.length;
  while (start < end && EDGE_STOP_WORDS.has(words[start])) start++;
  while (end > start && EDGE_STOP_WORDS.has(words[end - 1])) end--;
  return (start < end ? words.slice(start, end) : words).join(' ');
}
