/**
 * Loads `knowledge/`: the source registry, the measures, the search vocabulary and every
 * facts file, validated and cross-checked. Any problem stops the load with the file, the
 * line and the fact id (see `KnowledgeError`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue, SinorussiaError } from '../errors.ts';
import { type Period, parsePeriod } from './periods.ts';
import {
  AliasesFileSchema,
  AskedFileSchema,
  type FactInput,
  FactSchema,
  FactsFileSchema,
  MeasuresFileSchema,
  SearchFileSchema,
  SourceNamesFileSchema,
  SourcesFileSchema,
} from './schema.ts';
import { readTexts, verifyAgainstTexts } from './texts.ts';
import type { Topic } from './topics.ts';
import type { Fact, Knowledge, SearchVocabulary, Source } from './types.ts';
import { readYamlFile, recordIdAt, reportZodIssues } from './yaml-file.ts';

export interface LoadResult {
  knowledge?: Knowledge;
  issues: KnowledgeIssue[];
}

/** Loads and checks the base; returns every issue instead of throwing. */
export function readKnowledge(dir: string): LoadResult {
  const issues: KnowledgeIssue[] = [];
  const rel = (p: string) => relative(process.cwd(), p) || p;

  const sourcesFile = readYamlFile(join(dir, 'sources.yaml'), rel(join(dir, 'sources.yaml')), SourcesFileSchema, issues, recordIdAt);
  const measuresFile = readYamlFile(join(dir, 'measures.yaml'), rel(join(dir, 'measures.yaml')), MeasuresFileSchema, issues);
  const searchFile = readYamlFile(join(dir, 'search.yaml'), rel(join(dir, 'search.yaml')), SearchFileSchema, issues);

  const sources = new Map<string, Source>();
  sourcesFile.value?.sources.forEach((s, i) => {
    const line = sourcesFile.lineOf(['sources', i]);
    const seen = sources.get(s.id);
    if (seen) {
      issues.push({ file: sourcesFile.name, line, id: s.id, message: `duplicate source id (first at line ${seen.origin.line})` });
      return;
    }
    sources.set(s.id, {
      id: s.id,
      title: s.title,
      label: s.label,
      publisher: s.publisher,
      authors: s.authors ?? [],
      published: parsePeriod(s.published) as Period,
      approximate: s.published_approximate ?? false,
      basis: s.published_basis,
      excerptOf: s.excerpt_of,
      via: s.via,
      reposted: s.reposted ?? s.via !== undefined,
      machineTranslated: s.machine_translated ?? false,
      note: s.note,
      awaitingFacts: s.awaiting_facts ?? false,
      sha256: s.sha256,
      origin: { file: sourcesFile.name, line },
    });
  });
  const measureEntries = Object.entries(measuresFile.value?.measures ?? {});
  const measures = new Map(measureEntries.map(([mid, m]) => [mid, typeof m === 'string' ? m : m.description]));
  const measureNames = Object.fromEntries(measureEntries.flatMap(([mid, m]) => (typeof m === 'string' ? [] : [[mid, m.names]])));
  const chartWith: Record<string, string> = {};
  for (const [mid, m] of measureEntries) {
    if (typeof m === 'string' || m.chart_with === undefined) continue;
    const line = measuresFile.lineOf(['measures', mid, 'chart_with']);
    if (!measures.has(m.chart_with) || m.chart_with === mid) {
      const why = m.chart_with === mid ? 'a measure cannot be charted with itself' : `unknown measure "${m.chart_with}"`;
      issues.push({ file: measuresFile.name, line, id: mid, message: `chart_with: ${why}` });
    } else chartWith[mid] = m.chart_with;
  }

  const factsDir = join(dir, 'facts');
  let factFiles: string[] = [];
  try {
    factFiles = readdirSync(factsDir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
  } catch (err) {
    issues.push({ file: rel(factsDir), line: 1, message: `cannot be read: ${(err as Error).message}` });
  }
  if (factFiles.length === 0 && issues.length === 0) {
    issues.push({ file: rel(factsDir), line: 1, message: 'holds no facts files (*.yaml)' });
  }

  const facts: Fact[] = [];
  const factById = new Map<string, Fact>();
  const sourcesWithFacts = new Set<string>();
  let everyFactsFileRead = true;
  for (const f of factFiles) {
    const file = readYamlFile(join(factsDir, f), rel(join(factsDir, f)), FactsFileSchema, issues, recordIdAt);
    if (!file.value) {
      everyFactsFileRead = false;
      continue;
    }
    const sourceId = file.value.source;
    sourcesWithFacts.add(sourceId);
    if (!sources.has(sourceId) && sourcesFile.value) {
      issues.push({
        file: file.name,
        line: file.lineOf(['source']),
        message: `source: unknown source id "${sourceId}" (not in sources.yaml)`,
      });
    }
    file.value.facts.forEach((rawFact, i) => {
      if (hasDraftNotes(rawFact)) {
        issues.push({
          file: file.name,
          line: file.lineOf(['facts', i, 'draft']),
          id: recordIdAt(file.raw, ['facts', i]),
          message: 'draft: the review notes stay in drafts/; remove this block once the fact is reviewed',
        });
        return;
      }
      const parsed = FactSchema.safeParse(rawFact);
      if (!parsed.success) {
        reportZodIssues(file, parsed.error, ['facts', i], issues);
        return;
      }
      const input = parsed.data;
      const origin = { file: file.name, line: file.lineOf(['facts', i]) };
      const seen = factById.get(input.id);
      if (seen) {
        issues.push({ ...origin, id: input.id, message: `duplicate fact id (first at ${seen.origin.file}:${seen.origin.line})` });
        return;
      }
      if (input.figure && measuresFile.value && !measures.has(input.figure.measure)) {
        issues.push({
          file: file.name,
          line: file.lineOf(['facts', i, 'figure', 'measure']),
          id: input.id,
          message: `figure.measure: unknown measure "${input.figure.measure}" (add it to measures.yaml)`,
        });
      }
      const fact = toFact(input, sourceId, origin);
      facts.push(fact);
      factById.set(fact.id, fact);
    });
  }

  // A source no facts file names is a half-loaded base (a file deleted or misnamed). When a
  // facts file could not be read its source is unknown, and its own error says enough.
  if (everyFactsFileRead) {
    for (const source of sources.values()) {
      if (!sourcesWithFacts.has(source.id) && !source.awaitingFacts) {
        issues.push({
          ...source.origin,
          id: source.id,
          message: `no facts come from this source (is facts/${source.id}.yaml missing, or its source: line wrong?)`,
        });
      }
    }
  }

  // Links between facts can only be checked once every file is read.
  for (const fact of facts) {
    for (const [field, ids] of [
      ['corroborates', fact.corroborates],
      ['conflicts_with', fact.conflictsWith],
    ] as const) {
      for (const other of ids) {
        if (other === fact.id) issues.push({ ...fact.origin, id: fact.id, message: `${field}: a fact cannot name itself` });
        else if (!factById.has(other)) issues.push({ ...fact.origin, id: fact.id, message: `${field}: unknown fact id "${other}"` });
        else if (factById.get(other)?.retracted && !fact.retracted)
          issues.push({ ...fact.origin, id: fact.id, message: `${field}: "${other}" is retracted; remove the link` });
      }
    }
  }
  issues.push(...supersessionIssues(facts, factById));

  const namesPath = join(dir, 'source-names.yaml');
  const namesFile = existsSync(namesPath) ? readYamlFile(namesPath, rel(namesPath), SourceNamesFileSchema, issues) : undefined;
  for (const sourceId of Object.keys(namesFile?.value?.source_names ?? {})) {
    if (namesFile && sourcesFile.value && !sources.has(sourceId)) {
      issues.push({
        file: namesFile.name,
        line: namesFile.lineOf(['source_names', sourceId]),
        id: sourceId,
        message: `unknown source id "${sourceId}" (not in sources.yaml)`,
      });
    }
  }

  const aliasesFile = readByFactId(join(dir, 'aliases.yaml'), rel, 'aliases', AliasesFileSchema, factById, issues);
  const askedFile = readByFactId(join(dir, 'asked.yaml'), rel, 'asked', AskedFileSchema, factById, issues);

  if (issues.length > 0 || !searchFile.value) return { issues };
  const vocabulary: SearchVocabulary = {
    ...searchFile.value,
    measureNames,
    source_names: namesFile?.value?.source_names,
    aliases: aliasesFile?.aliases,
    asked: askedFile?.asked,
  };
  const standing = facts.filter((f) => !f.retracted);
  const retracted = facts.filter((f) => f.retracted);
  const standingById = new Map(standing.map((f) => [f.id, f]));
  return { knowledge: { sources, facts: standing, factById: standingById, measures, chartWith, vocabulary, retracted }, issues };
}

export interface LoadOptions {
  /** The folder of article texts: when given, every quote is checked verbatim against its article. */
  textsDir?: string;
}

/**
 * Loads the whole base or throws a `KnowledgeError` listing every issue: never a partial
 * base. Pure (no state kept between calls), so a running bot can reload by calling it again.
 */
export function loadKnowledge(dir: string, options: LoadOptions = {}): Knowledge {
  const { knowledge, issues } = readKnowledge(dir);
  if (knowledge && options.textsDir) verifyAgainstTexts(knowledge, readTexts(options.textsDir), issues);
  if (issues.length > 0) throw new KnowledgeError(issues);
  if (!knowledge) throw new SinorussiaError('KNOWLEDGE_UNREADABLE', `no knowledge could be read from ${dir}`, dir);
  return knowledge;
}

/** An optional file of lists keyed by fact id (aliases.yaml, asked.yaml): an unknown id stops the load. */
function readByFactId<K extends string, S extends z.ZodType<Record<K, Record<string, string[]>>>>(
  path: string,
  rel: (p: string) => string,
  key: K,
  schema: S,
  factById: Map<string, Fact>,
  issues: KnowledgeIssue[],
): z.infer<S> | undefined {
  if (!existsSync(path)) return undefined;
  const file = readYamlFile(path, rel(path), schema, issues);
  for (const factId of Object.keys(file.value?.[key] ?? {})) {
    if (!factById.has(factId))
      issues.push({ file: file.name, line: file.lineOf([key, factId]), id: factId, message: `unknown fact id "${factId}"` });
  }
  return file.value;
}

function toFact(input: FactInput, sourceId: string, origin: Fact['origin']): Fact {
  const about = parsePeriod(input.about) as Period;
  const figure = input.figure && {
    measure: input.figure.measure,
    value: input.figure.value,
    unit: input.figure.unit,
    currency: input.figure.currency,
    bound: input.figure.bound ?? 'exact',
    kind: input.figure.kind ?? 'actual',
    period: parsePeriod(input.figure.period ?? input.figure.stated_in ?? input.about) as Period,
    periodGiven: input.figure.stated_in === undefined,
  };
  return {
    id: input.id,
    claim: input.claim,
    topics: input.topics as Topic[],
    about,
    quote: input.quote,
    sourceId,
    people: input.people ?? [],
    places: input.places ?? [],
    saidBy: input.said_by,
    key: input.key ?? false,
    figure,
    corroborates: input.corroborates ?? [],
    conflictsWith: input.conflicts_with ?? [],
    supersededBy: input.superseded_by,
    retracted: input.retracted,
    origin,
  };
}

/** A reviewed fact carries no `draft:` block (kind, matches: the draft's notes to the curator). */
function hasDraftNotes(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'draft' in raw;
}

/** `superseded_by` names another standing fact, and following it never comes back round. */
function supersessionIssues(facts: Fact[], factById: Map<string, Fact>): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  for (const fact of facts) {
    const next = fact.supersededBy;
    if (next === undefined) continue;
    const at = { ...fact.origin, id: fact.id };
    const newer = factById.get(next);
    if (next === fact.id) issues.push({ ...at, message: 'superseded_by: a fact cannot supersede itself' });
    else if (!newer) issues.push({ ...at, message: `superseded_by: unknown fact id "${next}"` });
    else if (newer.retracted) issues.push({ ...at, message: `superseded_by: "${next}" is retracted; point to a fact that stands` });
    else {
      const seen = new Set([fact.id]);
      for (let f: Fact | undefined = newer; f; f = f.supersededBy ? factById.get(f.supersededBy) : undefined) {
        if (seen.has(f.id)) {
          issues.push({ ...at, message: `superseded_by: the chain from "${fact.id}" comes back to "${f.id}"` });
          break;
        }
        seen.add(f.id);
      }
    }
  }
  return issues;
}
