/**
 * What a fact's words state beyond its topic: an amount, when, which one of a series. A question
 * asking "how many" or "when" is answered only by a fact that says it ("state-funded" names no
 * sum; a plan with no date does not say when it happens), one about "the fourth forum" never by
 * a fact about the third.
 */
import { NUMBER_WORDS, ORDINAL_WORDS } from '../numbers.ts';

/** Words that state an amount without a digit ("billions in aid" does, if loosely). */
const AMOUNT_WORDS = new Set(
  'million millions billion billions trillion trillions thousand thousands dozen dozens hundreds half third quarter percent double doubled twice triple tripled halved'.split(
    ' ',
  ),
);
/** Number words that rarely count anything ("one of the", "the two countries"). */
const NOT_AMOUNTS = new Set(['one', 'two']);
const MONTHS = new Set(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december'.split(
    ' ',
  ),
);
/** Words that say when without a year or a month. */
const TIME_WORDS = new Set(
  'today yesterday tomorrow week weekend weeks month months year years decade decades century centuries era since until ago after before during ahead eve earlier later recently once anniversary day days monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter'.split(
    ' ',
  ),
);
const YEAR_OR_DECADE = /^(1[89]|20)\d\d(s)?$/;
const YEAR = /^(1[89]|20)\d\d$/;

/**
 * Do these words (a fact's, tokenized) state an amount: a number that is not a year or a day of
 * a month, or an amount word; only a number in digits when the question asks for an exact one?
 */
export function statesAmount(words: readonly string[], exact = false): boolean {
  return words.some((w, i) => {
    if (!exact && (AMOUNT_WORDS.has(w) || (Object.hasOwn(NUMBER_WORDS, w) && !NOT_AMOUNTS.has(w)))) return true;
    if (!/^\p{N}+$/u.test(w)) return false;
    const value = Number(w);
    const year = w.length === 4 && value >= 1800 && value <= 2100;
    const day = value <= 31 && (MONTHS.has(words[i + 1] ?? '') || MONTHS.has(words[i - 1] ?? ''));
    return !year && !day;
  });
}

/** Units of a span of time. */
const DURATION_UNITS = new Set('year years yr yrs decade decades month months'.split(' '));

/** Do these words state a span of time: a number of years, decades or months ("a 30-year deal", "two decades")? */
export function statesDuration(words: readonly string[]): boolean {
  return words.some(
    (w, i) => DURATION_UNITS.has(w) && i > 0 && (statesAmount([words[i - 1]]) || Object.hasOwn(NUMBER_WORDS, words[i - 1])),
  );
}

/** How many words before the thing counted its number may stand ("30 years", "six new countries"). */
const COUNT_REACH = 3;

/**
 * Do these words count one of the things asked ("how many soldiers": "10,000 troops", "six
 * countries")? `counted` holds the word's stems, `stem` stems the words.
 */
export function countsThing(words: readonly string[], counted: ReadonlySet<string>, stem: (w: string) => string): boolean {
  return words.some((w, i) => {
    if (!counted.has(stem(w))) return false;
    return words.slice(Math.max(0, i - COUNT_REACH), i).some((x) => statesAmount([x]) || Object.hasOwn(NUMBER_WORDS, x));
  });
}

/**
 * Do these words say when: a year or decade, a month, or a word of time ("last week", "after")?
 * Asked for a year, only a year (or a month of one) says it; asked for a day, only a month.
 */
export function statesWhen(words: readonly string[], precision?: 'year' | 'day'): boolean {
  if (precision === 'day') return words.some((w) => MONTHS.has(w));
  if (precision === 'year') return words.some((w) => YEAR.test(w));
  return words.some((w) => MONTHS.has(w) || TIME_WORDS.has(w) || YEAR_OR_DECADE.test(w));
}

/** Ordinals that number one of a series ("the Third Forum", "second-largest"); "first" also means "at first", so it is left out. */
export const SERIES_ORDINALS = new Set(ORDINAL_WORDS.slice(1));

/** Do these words (a fact's) number a thing otherwise than the question (`asked`, its ordinals): the third for the fourth? */
export function numbersOtherwise(words: readonly string[], asked: ReadonlySet<string>): boolean {
  if (asked.size === 0) return false;
  const own = words.filter((w) => SERIES_ORDINALS.has(w));
  return own.length > 0 && !own.some((w) => asked.has(w));
}
