/**
 * Turning text into search terms, the same way for facts and for questions:
 * lower case, letters and digits only, English stop words out, Porter stems.
 */
import { doubleMetaphone } from 'double-metaphone';
import { stemmer } from 'stemmer';

// Common English function words; the base's own extra stop words live in knowledge/search.yaml.
export const ENGLISH_STOP_WORDS = new Set(
  `a an and are as at be been being but by can could for from had has have he her hers him his how i if in into is it its
  just may might more most my no nor not of on or our ours over she should so some such than that the their theirs them
  then there these they this those through to too under up upon very was we were what when where which while who whom
  whose why will with would you your yours also any each other own same only again further once here all few both
  s t about against between during before after above below off out until
  already although among amongst another anyway around because besides else even however indeed instead
  meanwhile moreover much must nevertheless nonetheless often otherwise rather shall several since
  somehow sometimes still therefore though thus toward towards unless whereas whether yet via whilst onto`.split(/\s+/),
);

/**
 * A designation such as S-400, Su-35 or G-20: a short name and a number under 1,000 (so
 * "mid-2022" keeps its year). Kept as one word, or its number would match any "$400 billion".
 */
const DESIGNATION = /(?<![\p{L}\p{N}])(\p{L}{1,4})-(\p{N}{1,3})(?![\p{L}\p{N}])/gu;

/** "$400bn", "5.6tn", "30mn": an amount with its unit run on, read as "400 billion". */
const AMOUNT_SUFFIX = /(?<![\p{L}\p{N}])(\p{N}+(?:[.,]\p{N}+)?)(bn|mn|tn|b)(?![\p{L}\p{N}])/gu;
const AMOUNT_UNITS: Record<string, string> = { bn: 'billion', b: 'billion', mn: 'million', tn: 'trillion' };

/** Letters and digits, lower-cased; everything else separates words. */
export function tokenize(text: string): string[] {
  // A possessive is the word itself ("India's" is "india", never a typo of "indian"); other
  // apostrophes join rather than split, so "won't" is one word.
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/(\p{L})['\u2019](?:(s)(?!\p{L})|(\p{L}))/gu, (_, before: string, possessive?: string, next?: string) =>
        possessive ? before : before + next,
      )
      .replace(DESIGNATION, '$1$2')
      .replace(AMOUNT_SUFFIX, (_, n: string, unit: string) => `${n} ${AMOUNT_UNITS[unit]}`)
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Words the Porter stemmer would give another word's stem, though they mean something else
 * here ("important" is not "import", "goods" not "good", "used" not "US"):
 * each keeps a stem of its own, shared with its other forms.
 */
const OWN_STEMS = new Map<string, string>(
  Object.entries({
    important: 'important',
    importance: 'important',
    importantly: 'important',
    unimportant: 'important',
    goods: 'goods',
    international: 'international',
    internationally: 'international',
    business: 'business',
    businesses: 'business',
    positive: 'positive',
    positively: 'positive',
    general: 'general',
    generally: 'general',
    news: 'news',
    use: 'use',
    used: 'use',
    uses: 'use',
    using: 'use',
  }),
);

/** A word's Porter stem (or its own, above); a number stays as it is. */
export function stem(word: string): string {
  return /^\p{N}+$/u.test(word) ? word : (OWN_STEMS.get(word) ?? stemmer(word));
}

/**
 * Stems, remembered: stemming is the costliest step of indexing, and a base repeats the same
 * words. Each search engine owns one, so a reloaded base's words go with the old engine.
 */
export class Stemmer {
  private readonly stems = new Map<string, string>();

  constructor(private readonly maxRemembered = 500_000) {}

  /** `stem`, remembered (a bound function, so it can be passed to `map`). */
  readonly stem = (word: string): string => {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = stem(word);
      if (this.stems.size < this.maxRemembered) this.stems.set(word, s);
    }
    return s;
  };
}

/** Adjacent letters swapped, for typos such as `trdae` → `trade`. */
export function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

/**
 * Edit distance counting an adjacent swap as one edit (optimal string alignment), so a
 * typed `trdae` is one edit from `trade`. Stops early past `max`.
 */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
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

/** Do two words sound alike (a Double Metaphone code in common): "sphear" and "sphere", never "metres" and "metals"? */
export function soundsAlike(a: string, b: string): boolean {
  const [codesA, codesB] = [doubleMetaphone(a), doubleMetaphone(b)];
  return codesA.some((code) => code.length > 0 && codesB.includes(code));
}
