/**
 * Reads one YAML file, validates it with a zod schema, and reports every problem with the
 * file's line, so a curator can go straight to it.
 */
import { readFileSync } from 'node:fs';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { KnowledgeIssue } from '../errors.ts';

type Path = (string | number)[];

export interface YamlFile<T> {
  /** Path as shown in messages (relative to the project when possible). */
  name: string;
  /** The validated content, or undefined when the file has errors. */
  value?: T;
  /** The parsed but unvalidated content, for locating ids. */
  raw: unknown;
  /** The 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: Path): number;
}

/** Records each zod issue of a value found at `at` in `file`, located and named. */
export function reportZodIssues(
  file: Pick<YamlFile<unknown>, 'name' | 'raw' | 'lineOf'>,
  error: z.ZodError,
  at: Path,
  issues: KnowledgeIssue[],
  idAt: (raw: unknown, path: Path) => string | undefined = recordIdAt,
): void {
  for (const issue of error.issues) {
    const p = [...at, ...(issue.path as Path)];
    issues.push({ file: file.name, line: file.lineOf(p), id: idAt(file.raw, p), message: describe(p, issue.message) });
  }
}

export function readYamlFile<S extends z.ZodType>(
  path: string,
  name: string,
  schema: S,
  issues: KnowledgeIssue[],
  idAt: (raw: unknown, path: Path) => string | undefined = () => undefined,
): YamlFile<z.infer<S>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    issues.push({ file: name, line: 1, message: `cannot be read: ${(err as Error).message}` });
    return { name, raw: undefined, lineOf: () => 1 };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const lineOf = (p: Path) => locate(doc, lineCounter, p);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      issues.push({ file: name, line: e.linePos?.[0]?.line ?? 1, message: `YAML: ${e.message.split('\n')[0]}` });
    }
    return { name, raw: undefined, lineOf };
  }
  const raw: unknown = doc.toJS();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    reportZodIssues({ name, raw, lineOf }, parsed.error, [], issues, idAt);
    return { name, raw, lineOf };
  }
  return { name, value: parsed.data, raw, lineOf };
}

function describe(path: Path, message: string): string {
  const field = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('')
    .replace(/^(facts|sources)\[\d+\]\.?/, '');
  return field ? `${field}: ${message}` : message;
}

function locate(doc: Document, counter: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** The `id` of the record (`facts[i]` / `sources[i]`) that an issue path points into. */
export function recordIdAt(raw: unknown, path: Path): string | undefined {
  const [list, index] = path;
  if (typeof list !== 'string' || typeof index !== 'number') return undefined;
  const record = (raw as Record<string, unknown[]> | undefined)?.[list]?.[index] as { id?: unknown } | undefined;
  return typeof record?.id === 'string' ? record.id : undefined;
}
