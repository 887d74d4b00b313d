/**
 * Who a sentence attributes words to, and their role as the text gives it:
 * `"…," Foreign Ministry spokesperson Zhao Lijian told …`, `Zhao, the … spokesperson, said`,
 * `wrote Andrey Kortunov, director general of …`, `According to Xi Jinping, …`, `he said`.
 * Short names are resolved to the full name the article (or the base) uses ("Putin" →
 * "Vladimir Putin"); a pronoun to the speaker before it.
 */
import type { Drafting } from './vocabulary.ts';
import { anyWord } from './vocabulary.ts';

export interface Attribution {
  saidBy: string;
  role?: string;
  /** Where the attribution's verb stands. */
  at: number;
}

const CAP = "\\p{Lu}[\\p{L}’'.-]*";
// A name: capitalised words, with "of", "for", "and", "the" inside ("Ministry of Foreign Affairs").
const NAME_RUN = new RegExp(`${CAP}(?:\\s+(?:(?:of|for|and|the|de|van|von|bin)\\s+)*${CAP})*`, 'gu');
const TITLES = /^(?:Mr|Mrs|Ms|Dr|Prof|President|Premier|Prime Minister|Minister|Chancellor|Secretary|General)\.?\s+/u;
const PRONOUN = /^(?:he|she|they|him|her)$/i;
/** Capitalised words that start a sentence or clause without being a name. */
const NOT_NAMES = new Set([
  'The',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'In',
  'On',
  'At',
  'But',
  'And',
  'While',
  'When',
  'As',
  'Since',
  'After',
  'Before',
  'However',
  'Today',
  'There',
  'Both',
  'A',
  'An',
  'According',
  'If',
  'So',
  'For',
  'Also',
]);

export class SpeakerFinder {
  private readonly verb: RegExp;
  private readonly roleWord: RegExp;
  private readonly known: string[];
  private last?: string;
  private readonly places: Set<string>;

  constructor(
    private readonly vocab: Drafting,
    knownPeople: string[],
    private readonly author?: string,
    knownPlaces: string[] = [],
  ) {
    this.places = new Set([...knownPlaces, ...Object.values(vocab.demonyms)]);
    // Case-sensitive: a verb is lower case in prose, so "United States" is not "states".
    this.verb = new RegExp(anyWord(vocab.speech_verbs.filter((v) => v !== 'according to')).source, 'gu');
    this.roleWord = anyWord(vocab.role_words);
    // Only people's names resolve a short name: "Beijing" never becomes "Moscow and Beijing".
    this.known = [...new Set(knownPeople)].filter((p) => p.includes(' ') && p.split(/\s+/).every((w) => /^\p{Lu}/u.test(w)));
  }

  /** Names the article itself spells out, so later short forms resolve to them. */
  learn(sentence: string): void {
    for (const m of sentence.matchAll(NAME_RUN)) {
      const name = m[0].replace(TITLES, '').replace(/[’']s$/u, '');
      const words = name.split(/\s+/);
      const person = this.split(name).name;
      const parts = person.split(/\s+/);
      if (
        parts.length >= 2 &&
        parts.length <= 3 &&
        parts.every((p) => /^\p{Lu}/u.test(p)) &&
        !NOT_NAMES.has(parts[0]) &&
        !this.known.includes(person) &&
        !this.roleWord.test(person) &&
        !this.places.has(person)
      )
        this.known.push(person);
    }
  }

  /** The attribution in `sentence`, if any (remembering it for a later "he said"). */
  find(sentence: string, openBefore = false): Attribution | undefined {
    const found = this.byVerb(sentence, quotedSpans(sentence, openBefore)) ?? this.according(sentence);
    if (found) this.last = found.saidBy;
    return found;
  }

  /** Does `name` read as a person's name (two or three capitalised words, not a place)? */
  isPerson(name: string): boolean {
    const parts = name.split(/\s+/);
    return parts.length >= 2 && parts.length <= 3 && parts.every((p) => /^\p{Lu}\p{Ll}/u.test(p)) && !this.places.has(name);
  }

  /** The author of a single-author piece stands behind its unattributed statements. */
  authorOf(): Attribution | undefined {
    return this.author ? { saidBy: this.author, role: 'author', at: 0 } : undefined;
  }

  private according(sentence: string): Attribution | undefined {
    const m = /\baccording to\s+(?:a\s+[^,]*?\s+from\s+)?([^,]+?)(?:[,.]|\s+(?:news|the)\b|$)/iu.exec(sentence);
    if (!m) return undefined;
    const name = this.nameIn(m[1]);
    return name ? { saidBy: name.name, role: name.role, at: m.index } : undefined;
  }

  private byVerb(sentence: string, quoted: [number, number][]): Attribution | undefined {
    for (const v of sentence.matchAll(this.verb)) {
      const at = v.index ?? 0;
      // A verb inside the quoted words is the speaker's, not the attribution.
      if (quoted.some(([from, to]) => at >= from && at < to)) continue;
      const before = sentence.slice(0, at);
      const after = sentence.slice(at + v[0].length);
      // Inverted after a quotation: `…,” wrote Andrey Kortunov, director general of …`
      if (/[”"’]\s*,?\s*$|,\s*$/.test(before) && /^\s+\p{Lu}/u.test(after)) {
        const inv = /^\s+([^,.;:]+?)(?:,\s*([^,.;]+?))?(?:[,.;:]|$)/u.exec(after);
        const name = inv && this.nameIn(inv[1]);
        if (name && !/^(?:he|she|they)$/i.test(inv[1].trim()))
          return { saidBy: name.name, role: inv[2] && this.roleWord.test(inv[2]) ? inv[2].trim() : name.role, at };
      }
      const subject = this.subjectBefore(before, /ing$/.test(v[0]));
      if (subject) return { ...subject, at };
    }
    return undefined;
  }

  /** The speaker named just before the verb, with a role before the name or between commas after it. */
  private subjectBefore(before: string, participle = false): Omit<Attribution, 'at'> | undefined {
    // `Zhao, the Chinese Foreign Ministry spokesperson,` / `the spokeswoman for …, Hua Chunying,`
    const appositive = /(?:^|[”"’.;]\s*|,\s*)([^,”"]+?),\s+([^,”"]+?),\s*$/u.exec(before);
    if (appositive) {
      const [, first, second] = appositive;
      const a = this.nameIn(first);
      const b = this.nameIn(second);
      if (a && this.roleWord.test(second) && !this.roleWord.test(a.name)) return { saidBy: a.name, role: second.trim() };
      if (b && this.roleWord.test(first)) return { saidBy: b.name, role: first.trim() };
    }
    const segments = before.split(/[”"“]|,\s|;\s|:\s/).map((x) => x.trim());
    let clause = segments.pop() ?? '';
    // `The recent … Concept of Foreign Policy, states that`: the subject before a stray comma.
    if (clause === '' && !participle) clause = segments.pop() ?? '';
    if (participle) {
      // `Beijing returned the praise in kind, declaring …`: the subject of the clause it hangs on.
      for (const segment of [clause, ...segments.reverse()]) {
        const lead = NAME_RUN.exec(segment);
        NAME_RUN.lastIndex = 0;
        if (lead && lead.index === 0 && !NOT_NAMES.has(lead[0])) return this.named(lead[0]);
        if (lead && lead.index === 0 && PRONOUN.test(segment.split(/\s+/)[0])) break;
      }
      return undefined;
    }
    if (clause === '') return undefined;
    if (/^they$/i.test(clause)) {
      // `Moscow and Beijing have presented …, as well as what they say are …`: the sentence's own subject.
      const lead = segments
        .map((seg) => [...seg.matchAll(NAME_RUN)][0])
        .find((m) => m && m.index === 0 && !NOT_NAMES.has(m[0]) && / and /.test(m[0]));
      if (lead) return this.named(lead[0]);
    }
    if (PRONOUN.test(clause)) return this.last ? { saidBy: this.last } : undefined;
    // A long clause counts only when it ends in the name (`In his … speech Vladimir Putin`).
    if (clause.split(/\s+/).length > 7) {
      const tail = [...clause.matchAll(NAME_RUN)].pop();
      return tail && (tail.index ?? 0) + tail[0].length === clause.length ? this.named(tail[0]) : undefined;
    }
    const name = this.nameIn(clause);
    return name ? { saidBy: name.name, role: name.role } : undefined;
  }

  /** The name in a short phrase (the last run of capitalised words), resolved, with the words before it as role. */
  private nameIn(phrase: string): { name: string; role?: string } | undefined {
    const text = phrase.trim();
    if (PRONOUN.test(text)) return this.last ? { name: this.last } : undefined;
    const runs = [...text.matchAll(NAME_RUN)].map((m) => ({ run: m[0], at: m.index ?? 0 })).filter((r) => !NOT_NAMES.has(r.run));
    if (runs.length === 0) return undefined;
    // "Russian leader Putin": the name is the last run; a run of role words is part of the role.
    const pick = [...runs].reverse().find((r) => !this.roleWord.test(r.run.split(/\s+/).pop() ?? '')) ?? runs[runs.length - 1];
    const { name, stripped } = this.split(pick.run.replace(TITLES, (t) => t.replace(/\.\s*$/, ' ')).trim());
    const before = text.slice(0, pick.at).trim();
    const role = [before, stripped].filter(Boolean).join(' ');
    return { name: this.resolve(name), ...(role && this.roleWord.test(role) ? { role } : {}) };
  }

  /** A run of capitalised words as a speaker: leading role words and place adjectives are the role. */
  private named(run: string): Omit<Attribution, 'at'> {
    const { name, role } = this.split(run);
    return { saidBy: this.resolve(name), ...(role ? { role } : {}) };
  }

  /** "Chinese President Xi Jinping" → role "Chinese President", name "Xi Jinping" (and the raw stripped words). */
  private split(run: string): { name: string; role?: string; stripped: string } {
    const words = run.replace(/[’']s$/u, '').split(/\s+/);
    const joiner = (w: string) => ['of', 'for', 'to', 'the', 'and'].includes(w);
    let i = 0;
    while (
      i < words.length - 1 &&
      (this.roleWord.test(words[i]) || words[i] in this.vocab.demonyms || TITLES.test(`${words[i]} `) || this.places.has(words[i]))
    )
      i++;
    // An organisation keeps its words ("Russian Federation Concept of Foreign Policy"): only a person's name is split.
    if (words.slice(i).some(joiner)) i = 0;
    const stripped = words.slice(0, i).join(' ');
    return { name: words.slice(i).join(' '), ...(stripped && this.roleWord.test(stripped) ? { role: stripped } : {}), stripped };
  }

  /** "Putin" → "Vladimir Putin" when the article or the base spells it out. */
  private resolve(name: string): string {
    if (name.includes(' ')) return this.known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    const full = this.known.find((k) => k.split(/\s+/).includes(name));
    return full ?? name;
  }
}

/** The spans of `sentence` inside quotation marks (from its start when a quotation was open before it). */
export function quotedSpans(sentence: string, openBefore: boolean): [number, number][] {
  const spans: [number, number][] = [];
  let from = openBefore ? 0 : -1;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    const opens = ch === '“' || (ch === '"' && from < 0);
    const closes = ch === '”' || (ch === '"' && from >= 0);
    if (opens && from < 0) from = i;
    else if (closes && from >= 0) {
      spans.push([from, i]);
      from = -1;
    }
  }
  if (from >= 0) spans.push([from, sentence.length]);
  return spans;
}
