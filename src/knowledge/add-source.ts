/**
 * `sinorussia source add`: registers an article text. The entry is appended to the
 * sources.yaml document (comments and layout kept), validated by the same schema as the
 * loader, and the text is copied into the texts folder under the source's id. Nothing is
 * guessed: every field comes from the curator.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { isSeq, parseDocument, Scalar, type YAMLSeq } from 'yaml';
import { SinorussiaError } from '../errors.ts';
import { SourceSchema } from './schema.ts';

export interface NewSource {
  id: string;
  title?: string;
  label?: string;
  publisher?: string;
  authors: string[];
  published: string;
  approximate: boolean;
  basis?: string;
  via?: string;
  excerptOf?: string;
  note?: string;
}

export interface AddedSource {
  id: string;
  sha256: string;
  /** Where the text was copied. */
  textPath: string;
  /** The 1-based line of the new entry in sources.yaml. */
  line: number;
}

/** An article is a few thousand words; anything past this is the wrong file. */
export const MAX_TEXT_BYTES = 1_000_000;

const bad = (message: string, value?: unknown) => new SinorussiaError('BAD_ARGUMENT', message, value);

/** The registry entry, field by field in the registry's usual order. */
function entryOf(s: NewSource, sha256: string): Record<string, unknown> {
  const entry: Record<string, unknown> = { id: s.id };
  if (s.title) entry.title = s.title;
  if (s.label) entry.label = s.label;
  if (s.publisher) entry.publisher = s.publisher;
  if (s.authors.length > 0) entry.authors = s.authors;
  entry.published = s.published;
  if (s.approximate) entry.published_approximate = true;
  if (s.basis) entry.published_basis = s.basis;
  if (s.excerptOf) entry.excerpt_of = s.excerptOf;
  if (s.via) entry.via = s.via;
  if (s.note) entry.note = s.note;
  entry.awaiting_facts = true;
  entry.sha256 = sha256;
  return entry;
}

export function addSource(knowledgeDir: string, textsDir: string, file: string, source: NewSource): AddedSource {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw bad(`cannot read ${file}: ${(err as Error).message}`, file);
  }
  if (bytes.toString('utf8').trim() === '') throw bad(`${file} is empty`, file);
  if (bytes.length > MAX_TEXT_BYTES)
    throw bad(`${file} is ${bytes.length} bytes: an article text is at most ${MAX_TEXT_BYTES} (is it the right file?)`, file);
  if (bytes.includes(0) || !isUtf8(bytes)) throw bad(`${file} is not UTF-8 text (save the article as plain text first)`, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const entry = entryOf(source, sha256);

  const parsed = SourceSchema.safeParse(entry);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
    throw bad(`source add: ${why}`, entry);
  }

  const registry = join(knowledgeDir, 'sources.yaml');
  const doc = parseDocument(readFileSync(registry, 'utf8'));
  if (doc.errors.length > 0) throw bad(`${registry} does not parse (${doc.errors[0].message.split('\n')[0]}); fix it first`, registry);
  const list = doc.get('sources', true);
  if (!isSeq(list)) throw bad(`${registry} has no sources: list`, registry);
  for (const item of (list as YAMLSeq).toJSON() as { id?: string; sha256?: string }[]) {
    if (item.id === source.id) throw bad(`source add: the id "${source.id}" is already in sources.yaml`, source.id);
    if (item.sha256 === sha256) throw bad(`source add: this text is already registered as "${item.id}" (same sha256 ${sha256})`, sha256);
  }

  mkdirSync(textsDir, { recursive: true });
  const textPath = join(textsDir, `${source.id}${extname(file) || '.txt'}`);
  const present = existsSync(textPath);
  if (present && !readFileSync(textPath).equals(bytes)) throw bad(`source add: ${textPath} already exists with another text`, textPath);

  const node = doc.createNode(entry);
  node.spaceBefore = true;
  for (const pair of node.items) {
    const key = String((pair.key as Scalar).value);
    // Dates and hashes are quoted, so YAML never reads them as numbers; authors stay on one line.
    if (['published', 'sha256'].includes(key)) (pair.value as Scalar).type = Scalar.QUOTE_DOUBLE;
    if (key === 'authors') (pair.value as YAMLSeq).flow = true;
  }
  (list as YAMLSeq).items.push(node);
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });

  if (!present) copyFileSync(file, textPath);
  const tmp = `${registry}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, registry);
  const line = text.split('\n').findIndex((l) => l === `  - id: ${source.id}`) + 1;
  return { id: source.id, sha256, textPath, line };
}
