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

/** "$400bn", "5.6tn", "30mn", "100 bn": an amount with its unit run on or spaced, read as "400 billion". */
const AMOUNT_SUFFIX = /(?<![\p{L}\p{N}])(\p{N}+(?:[.,]\p{N}+)?)(?: ?(bn|mn|tn)|(b))(?![\p{L}\p{N}])/gu;
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
      .replace(AMOUNT_SUFFIX, (_, n: string, unit: string | undefined, b: string | undefined) => `${n} ${AMOUNT_UNITS[unit ?? b ?? '']}`)
      // "What %" asks what "what percent" asks: the sign is a word.
      .replace(/%/g, ' percent ')
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

/**
 * Irregular verb forms stem as their base form ("became" as "become", "sold" as "sell"), as the
 * Porter stemmer's suffix rules cannot. Forms that are also everyday other words ("left",
 * "found", "saw", "bound", "thought", "fed") are left out.
 */
const IRREGULAR_FORMS = new Map<string, string>(
  Object.entries({
    arose: 'arise',
    arisen: 'arise',
    became: 'become',
    began: 'begin',
    begun: 'begin',
    broke: 'break',
    broken: 'break',
    brought: 'bring',
    built: 'build',
    bought: 'buy',
    caught: 'catch',
    chose: 'choose',
    chosen: 'choose',
    came: 'come',
    dealt: 'deal',
    drew: 'draw',
    drawn: 'draw',
    drove: 'drive',
    driven: 'drive',
    fell: 'fall',
    fallen: 'fall',
    fought: 'fight',
    fled: 'flee',
    flew: 'fly',
    flown: 'fly',
    forbade: 'forbid',
    forbidden: 'forbid',
    forgot: 'forget',
    forgotten: 'forget',
    forgave: 'forgive',
    forgiven: 'forgive',
    foresaw: 'foresee',
    foreseen: 'foresee',
    froze: 'freeze',
    frozen: 'freeze',
    gave: 'give',
    given: 'give',
    went: 'go',
    gone: 'go',
    grew: 'grow',
    grown: 'grow',
    held: 'hold',
    kept: 'keep',
    knew: 'know',
    known: 'know',
    led: 'lead',
    lent: 'lend',
    lost: 'lose',
    made: 'make',
    meant: 'mean',
    met: 'meet',
    misled: 'mislead',
    oversaw: 'oversee',
    overseen: 'oversee',
    overtook: 'overtake',
    overtaken: 'overtake',
    paid: 'pay',
    rebuilt: 'rebuild',
    rose: 'rise',
    risen: 'rise',
    ran: 'run',
    said: 'say',
    sought: 'seek',
    sold: 'sell',
    sent: 'send',
    shook: 'shake',
    shaken: 'shake',
    showed: 'show',
    shown: 'show',
    sank: 'sink',
    sunk: 'sink',
    spoke: 'speak',
    spoken: 'speak',
    spent: 'spend',
    stood: 'stand',
    stole: 'steal',
    stolen: 'steal',
    struck: 'strike',
    swore: 'swear',
    sworn: 'swear',
    took: 'take',
    taken: 'take',
    taught: 'teach',
    told: 'tell',
    tore: 'tear',
    torn: 'tear',
    threw: 'throw',
    thrown: 'throw',
    understood: 'understand',
    undertook: 'undertake',
    undertaken: 'undertake',
    upheld: 'uphold',
    wore: 'wear',
    worn: 'wear',
    won: 'win',
    withdrew: 'withdraw',
    withdrawn: 'withdraw',
    withheld: 'withhold',
    wrote: 'write',
    written: 'write',
    felt: 'feel',
    hid: 'hide',
    hidden: 'hide',
    sat: 'sit',
    slept: 'sleep',
    stuck: 'stick',
  }),
);

/** Stop words with their irregular forms added: "went" is as empty as "go". */
export function withIrregularForms(words: Iterable<string>): Set<string> {
  const out = new Set(words);
  for (const [form, base] of IRREGULAR_FORMS) if (out.has(base)) out.add(form);
  return out;
}

/** A word's Porter stem (or its own, above); a number stays as it is. */
export function stem(word: string): string {
  if (/^\p{N}+$/u.test(word)) return word;
  const base = IRREGULAR_FORMS.get(word) ?? word;
  return OWN_STEMS.get(base) ?? stemmer(base);
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
