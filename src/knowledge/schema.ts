/**
 * The shape of the YAML files in `knowledge/`, as zod schemas. Objects are strict so a
 * misspelt key (`topic:` for `topics:`) is an error rather than silently ignored.
 */
import { z } from 'zod';
import { PERIOD_FORMS, parsePeriod } from './periods.ts';
import { TOPIC_NAMES } from './topics.ts';

// YAML reads an unquoted 2018 as a number; a period is text.
const periodText = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().refine((s) => parsePeriod(s) !== undefined, { message: `is not a date or period (${PERIOD_FORMS})` }),
);
const dayText = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
    .refine((s) => parsePeriod(s) !== undefined, {
      message: 'is not a valid date',
    }),
);
// YAML reads an unquoted all-digit hash (all zeros, say) as a number: say so, not "expected string".
const sha256Text = z.unknown().transform((v, ctx) => {
  if (typeof v === 'number') {
    ctx.addIssue({ code: 'custom', message: `must be quoted (sha256: "…"): YAML read the unquoted digits as the number ${v}` });
    return z.NEVER;
  }
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) {
    ctx.addIssue({ code: 'custom', message: 'must be 64 lowercase hex digits, quoted' });
    return z.NEVER;
  }
  return v;
});
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const SourceSchema = z
  .strictObject({
    id,
    title: text(300).optional(),
    label: text(300).optional(),
    publisher: text(200).optional(),
    authors: z.array(text(200)).optional(),
    published: dayText,
    published_approximate: z.boolean().optional(),
    published_basis: text(500).optional(),
    /** The larger work the text is an excerpt of, as the text names it ("the Today's WorldView newsletter"). */
    excerpt_of: text(200).optional(),
    /** The site the text was reposted on, as the text names it; never a publisher. */
    via: text(200).optional(),
    /** The text is a repost (even when the site is not named). */
    reposted: z.boolean().optional(),
    /** The text is visibly a machine translation, so its quotes are not the author's own words. */
    machine_translated: z.boolean().optional(),
    note: text(500).optional(),
    /** Just added (`sinorussia source add`): its facts are still being drafted, so it may have none yet. */
    awaiting_facts: z.boolean().optional(),
    sha256: sha256Text,
  })
  .refine((s) => s.title || s.label, { message: 'needs a title (as the article gives it) or a label (our description)' })
  .refine((s) => !s.published_approximate || s.published_basis, {
    message: 'an approximate date needs published_basis (what it is inferred from)',
  });

export const SourcesFileSchema = z.strictObject({ sources: z.array(SourceSchema).min(1) });

export const UNITS = ['billion', 'million', 'trillion', 'percent', 'count', 'years'] as const;
export const BOUNDS = ['exact', 'about', 'more-than', 'at-least', 'less-than'] as const;
/** What a figure is: a measured outcome, or a number about the future or a guess. */
export const FIGURE_KINDS = ['actual', 'forecast', 'target', 'estimate'] as const;

export const FigureSchema = z
  .strictObject({
    measure: id,
    value: z.number().finite(),
    unit: z.enum(UNITS),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .optional(),
    bound: z.enum(BOUNDS).optional(),
    kind: z.enum(FIGURE_KINDS).optional(),
    period: periodText.optional(),
    /** When the text states the figure ("now valued at") without the period it covers. */
    stated_in: periodText.optional(),
  })
  .refine((f) => !(f.unit === 'percent' && f.currency), { message: 'a percent figure has no currency' })
  .refine((f) => !(f.period && f.stated_in), {
    message: 'give period (what the figure covers) or stated_in (when a figure of unknown period was stated), not both',
  });

// A draft's `claim:` is left empty for the curator: say so rather than "expected string".
const claimText = z.preprocess(
  (v) => (v === null || v === undefined ? '' : v),
  z
    .string()
    .trim()
    .min(1, 'is empty: write the claim in your own words (a drafted fact is reviewed before it moves into facts/)')
    .max(240, 'must be at most 240 characters'),
);

export const RetractedSchema = z.strictObject({
  /** Why the fact no longer stands (the source corrected it, the quote was misread…). */
  reason: text(500),
  /** When it was retracted. */
  date: dayText.optional(),
});

export const FactSchema = z.strictObject({
  id,
  claim: claimText,
  topics: z
    .array(
      z.enum(TOPIC_NAMES as [string, ...string[]], {
        error: (i) => `unknown topic ${JSON.stringify(i.input)} (topics: ${TOPIC_NAMES.join(', ')})`,
      }),
    )
    .min(1, 'needs at least one topic'),
  about: periodText,
  quote: text(300),
  people: z.array(text(100)).optional(),
  places: z.array(text(100)).optional(),
  said_by: text(100).optional(),
  key: z.boolean().optional(),
  figure: FigureSchema.optional(),
  corroborates: z.array(id).optional(),
  conflicts_with: z.array(id).optional(),
  /** A later fact that updates this one (a revised figure, a changed state of affairs); this one is shown as reported earlier. */
  superseded_by: id.optional(),
  /** The fact no longer stands: it is never shown, and kept for the record. */
  retracted: RetractedSchema.optional(),
});

/** Facts are validated one by one (see load.ts), so one bad fact does not hide the others' problems. */
export const FactsFileSchema = z.strictObject({ source: id, facts: z.array(z.unknown()).min(1) });

const term = z.string().trim().toLowerCase().min(1);

/**
 * A measure is its description, or its description and the names people use for it;
 * `chart_with` names the measure whose chart this one's forecasts and targets are drawn on.
 */
export const MeasuresFileSchema = z.strictObject({
  measures: z.record(
    id,
    z.union([text(300), z.strictObject({ description: text(300), names: z.array(term).min(1), chart_with: id.optional() })]),
  ),
});

export const INTENTS = ['compare', 'latest', 'who-said', 'when', 'figure', 'list', 'explain'] as const;
export const SearchFileSchema = z.strictObject({
  /** Groups of interchangeable words or phrases: a query for one also finds the others. */
  synonyms: z.array(z.array(term).min(2)),
  /** Words that carry no meaning in a question to this bot ("tell", "latest"). */
  stopwords: z.array(term),
  /** Words present in most facts ("china"): they rank, but never make a match on their own. */
  generic: z.array(term),
  /** One-way expansions: a question using the key also finds facts using the listed words. */
  expansions: z.record(term, z.array(term).min(1)).optional(),
  /** Well-known phrases that match only as phrases. */
  phrases: z.array(term).optional(),
  /** Cue phrases per intent; `*` stands for one to six words. */
  intents: z.partialRecord(z.enum(INTENTS), z.array(term)).optional(),
  /** Words and phrases of topics the base does not cover ("hotel", "recipe"): they carry a question. */
  off_domain: z.array(term).optional(),
  /** Openings ("who") whose next word is what the question asks about ("who founded"): an answer must hold it. */
  relation_cues: z.array(term).optional(),
  /** Cues of a question asking for an amount ("how many"): only a fact stating one answers it. */
  amount_cues: z.array(term).optional(),
  /** With an amount cue, these ask for an exact amount ("exactly how many"): only figures answer, never "billions". */
  exact_cues: z.array(term).optional(),
  /** Cues of a question asking for a sum of money ("in dollar terms"): only a fact stating one answers. */
  money_cues: z.array(term).optional(),
  /** Cues of a question asking for a share ("what percentage"): only a fact stating one answers. */
  share_cues: z.array(term).optional(),
  /** Cues of a question asking what kinds of a thing there are ("what types of"): a fact listing several ranks higher. */
  kinds_cues: z.array(term).optional(),
  /** Cues of a question asking which person ("which prime minister"): only a fact naming someone the question does not answers. */
  person_cues: z.array(term).optional(),
  /** Cues of a question asking which company or body ("which companies"): only a fact naming one answers. */
  organisation_cues: z.array(term).optional(),
  /** Cues of a question asking for a post ("what post"): only a fact naming one of `post_words` the question does not answers. */
  post_cues: z.array(term).optional(),
  /** Cues of a question asking what came of an event ("outcome of"): a fact telling only of its plan does not answer. */
  outcome_cues: z.array(term).optional(),
  /** Cues of a question asking for one thing on its own ("coal alone"): a fact naming it only in a list with others does not answer. */
  alone_cues: z.array(term).optional(),
  /** Cues of a question asking how long something lasts ("contract length"): only a fact stating a span of time answers. */
  duration_cues: z.array(term).optional(),
  /** Cues of a question asking what came to pass ("did trade hit the target"): a target or a forecast does not answer it. */
  actual_cues: z.array(term).optional(),
  /** Phrases that frame a question and are never searched ("so I was wondering", "last year"). */
  fillers: z.array(term).optional(),
  /** Cues of a question about a source's byline or date ("who wrote"): answered from the source registry. */
  byline_cues: z.array(term).optional(),
  /** Openings of a sentence about the asker, not the topic ("need the name for a note"): set aside when it finds nothing. */
  asker_cues: z.array(term).optional(),
  /** Cues of a question asking for a city ("which Swiss city"): only a fact naming one of `cities` answers it. */
  city_cues: z.array(term).optional(),
  /** Cues of a question asking for a year ("in what year") or a day ("on what date"): only a fact naming one answers it. */
  year_cues: z.array(term).optional(),
  date_cues: z.array(term).optional(),
  /** Words that say a figure is asked (its total, value or unit), never what it measures: beside a measure's name they are explained. */
  figure_words: z.array(term).optional(),
  /** Cues of a question about the present ("right now", "still"): asked who holds a post, the dated articles cannot say. */
  present_cues: z.array(term).optional(),
  /** Words naming a post ("spokesperson", "ambassador"): with a present cue, a question asks what post someone holds now. */
  post_words: z.array(term).optional(),
  /** Cues of a question asking for a name ("the name of the pipeline"): only a fact naming something the question does not answers it. */
  name_cues: z.array(term).optional(),
  /** The cities among the places facts name (a country or a region is not one). */
  cities: z.array(term).optional(),
  /** Capitals that stand for their country in a post ("China's ambassador to Moscow"), each with its country. */
  capitals: z.record(term, term).optional(),
});

/** The names people use for each source, keyed by source id (knowledge/source-names.yaml). */
export const SourceNamesFileSchema = z.strictObject({ source_names: z.record(id, z.array(term).min(1)) });

/** The words people use for a fact that it does not say itself, keyed by fact id (knowledge/aliases.yaml). */
export const AliasesFileSchema = z.strictObject({ aliases: z.record(id, z.array(term).min(1)) });

/**
 * Questions people asked that a fact answers, keyed by fact id (knowledge/asked.yaml): the
 * fact holds their words for a match, with less weight than its own, and they barely rank it.
 */
export const AskedFileSchema = z.strictObject({ asked: z.record(id, z.array(z.string().trim().min(3).max(300)).min(1)) });

export type FactInput = z.infer<typeof FactSchema>;
