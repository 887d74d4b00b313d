/**
 * What `verify` reads in a message and how closely a figure must match ours to agree: one
 * object a curator can read and change. Words are matched whole and case-insensitively;
 * a longer cue wins over a shorter one it contains ("more than" over "more").
 */
import type { Figure } from '../knowledge/types.ts';

export type Unit = Figure['unit'];
export type Bound = Figure['bound'];
export type Kind = Figure['kind'];

export const VERIFY_RULES = {
  /**
   * How far apart two figures of one quantity may be and still agree, as a share of the larger:
   * a round exact figure ("$190bn" for 190.4) gets `exact`, a figure either side calls "about" gets `about`.
   */
  tolerance: { exact: 0.01, about: 0.05 },

  /** Words that name a unit. Money scales are converted (190,000 million is 190 billion). */
  units: {
    trillion: ['trillion', 'tn', 'trn'],
    billion: ['billion', 'bn', 'bln', 'b'],
    million: ['million', 'mn', 'mln', 'm'],
    percent: ['%', 'percent', 'per cent', 'pc'],
    years: ['years', 'year'],
  } satisfies Partial<Record<Unit, string[]>>,
  /** Words for thousands, so "190,000 million" and "$190 thousand million" read as money in millions. */
  thousand: ['thousand', 'k'],

  /** Currency signs and words, before or after the number. A figure without one is compared in any currency. */
  currencies: {
    USD: ['$', 'us$', 'usd', 'dollar', 'dollars', 'us dollars'],
    EUR: ['€', 'eur', 'euro', 'euros'],
    CNY: ['¥', 'cny', 'rmb', 'yuan', 'renminbi'],
    RUB: ['₽', 'rub', 'ruble', 'rubles', 'rouble', 'roubles'],
  } as Record<string, string[]>,

  /** Words just before a number that make it a bound rather than an exact value. */
  bounds: {
    'more-than': [
      'over',
      'more than',
      'above',
      'exceeding',
      'exceeded',
      'in excess of',
      'passed',
      'topped',
      'surpassed',
      'eclipsed',
      'beyond',
    ],
    'at-least': ['at least', 'no less than', 'not less than'],
    'less-than': ['under', 'less than', 'below', 'fewer than', 'short of'],
    about: ['about', 'around', 'roughly', 'approximately', 'nearly', 'almost', 'some', 'close to', 'circa', 'approx', '~'],
  } satisfies Partial<Record<Bound, string[]>>,
  /** How many words before the number a bound cue may stand ("over $100 billion", "more than 40%"). */
  boundReach: 3,

  /** Where a sentence's clauses part: a forecast cue in the next clause does not make this clause's figure one. */
  clauseBreaks: [', and ', ', but ', '; ', ', while ', ' while ', ', whereas ', ' whereas ', ', which '],
  /** Words after a figure that bring in what it is compared with: a year after them is not the figure's period. */
  comparisonCues: [
    'compared',
    'against',
    'than',
    'versus',
    'vs',
    'from a year',
    'a year before',
    'a year earlier',
    'year on year',
    'year-on-year',
    'up from',
    'down from',
  ],

  /** Words in the figure's clause that make it a forecast or a target: never compared with an outcome. */
  kinds: {
    target: ['target', 'targets', 'goal', 'goals', 'aim', 'aims', 'aiming', 'plan', 'plans', 'planned', 'pledge', 'pledged', 'seek to'],
    forecast: [
      'expected',
      'expect',
      'expects',
      'forecast',
      'forecasts',
      'projected',
      'predicted',
      'set to',
      'on course',
      'on track',
      'likely',
      'will',
      'could',
      'should reach',
    ],
    estimate: ['estimated', 'estimate', 'estimates'],
  } satisfies Partial<Record<Kind, string[]>>,

  /** Verbs that make a dated sentence an event the base can be asked about. */
  eventCues: [
    'signed',
    'sign',
    'signs',
    'met',
    'meet',
    'meets',
    'visited',
    'visit',
    'visits',
    'invaded',
    'invade',
    'invades',
    'invasion',
    'annexed',
    'annexation',
    'launched',
    'held',
    'hold',
    'joined',
    'join',
    'agreed',
    'agree',
    'established',
    'attended',
    'announced',
    'published',
    'imposed',
    'sanctioned',
    'declared',
    'concluded',
    'invited',
    'normalised',
    'normalized',
    'travelled',
    'traveled',
  ],
  /** Words after which the speaker is named ("said Putin", "according to Xi"). */
  speakerAfterCues: ['said', 'says', 'according to', 'wrote', 'writes', 'added', 'declared', 'stated'],
  /**
   * Events that happen once: only for these does another date in our sources make a claim
   * differ. A visit or a meeting on another date does not contradict one in the message.
   */
  onceOnlyCues: ['invaded', 'invade', 'invades', 'invasion', 'annexed', 'annexation', 'founded', 'normalised', 'normalized'],
  /** Verbs that credit a quotation to the name before them ("Zhao said", "Xi called Putin …"). */
  speechCues: [
    'said',
    'says',
    'say',
    'told',
    'tells',
    'declared',
    'stated',
    'wrote',
    'writes',
    'added',
    'called',
    'calls',
    'described',
    'describes',
    'insisted',
    'claimed',
    'claims',
    'according to',
    'quoted',
    'remarked',
    'warned',
    'responded',
    'replied',
    'noted',
    'stressed',
    'argued',
    'urged',
    'vowed',
  ],

  /** A quotation shorter than this (in words) is a scare quote, not a quotation to check. */
  minQuoteWords: 2,
  /** Our quotation must be at least this many words to settle part of a longer one in a message. */
  minPartWords: 5,
  /** Capitalised words that are never the speaker a cue points to ("said on Tuesday"). */
  notNames: [
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday',
    'Sunday',
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
    'The',
    'This',
    'That',
    'It',
    'He',
    'She',
    'They',
    'We',
    'I',
    'You',
    'Today',
    'Yesterday',
  ],
  /** A dated event needs at least this share of its meaningful words in one of our facts to be the same event. */
  eventCoverage: 0.75,
  /** How many of the search's best facts are read for a dated event. */
  eventHits: 20,
  /** At most this many of our facts are shown for one event: those telling most of it. */
  eventFacts: 2,
  /** Two word stems this long that share this many first letters count as one word (invaded, invasion). */
  stemPrefix: 4,
  /** At most this many claims are checked in one message; the lead says how many were left. */
  maxChecks: 10,
  /** A claim is quoted back at most this long. */
  maxClaim: 200,
} as const;
