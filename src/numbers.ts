/** Numbers as English writes them in words ("thirty years", "six new members", "twenty-five"). */

/** Each number word and its value; compounds ("twenty-five") are read as sums of these. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

/** The first ten ordinals as words, in order ("third" is ORDINAL_WORDS[2]). */
export const ORDINAL_WORDS: readonly string[] = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** The value of `190`, `1,250.5`, `six` or `twenty-five`; undefined for anything else. */
export function numberValue(text: string): number | undefined {
  const clean = text.toLowerCase().replace(/,/g, '').trim();
  if (/^\d+(\.\d+)?$/.test(clean)) return Number(clean);
  const parts = clean.split(/[- ]/);
  if (!parts.every((p) => Object.hasOwn(NUMBER_WORDS, p))) return undefined;
  return parts.reduce((sum, p) => sum + NUMBER_WORDS[p], 0);
}
