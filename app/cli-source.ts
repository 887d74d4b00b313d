/** `sinorussia source add FILE …`: the flags read, every required one insisted on, nothing guessed. */
import { resolve } from 'node:path';
import { addSource } from '../src/knowledge/add-source.ts';

export const SOURCE_USAGE = `usage: sinorussia source add FILE --id ID (--title "…" | --label "…") --published YYYY[-MM[-DD]]
         (--publisher "…" | --no-publisher) (--author "…" … | --no-author)
         [--approximate --basis "…"] [--via "…"] [--excerpt-of "…"] [--texts DIR]
  --no-publisher / --no-author say the article names none (recorded in the source's note);
  --approximate needs --basis: what the date is inferred from`;

export interface SourceFlags {
  id?: string;
  title?: string;
  label?: string;
  publisher?: string;
  author?: string[];
  published?: string;
  approximate?: boolean;
  basis?: string;
  via?: string;
  'excerpt-of'?: string;
  'no-author'?: boolean;
  'no-publisher'?: boolean;
}

/** What the curator left out, as the flags that would give it. */
function missing(f: SourceFlags): string[] {
  const out: string[] = [];
  if (!f.id) out.push('--id');
  if (!f.title && !f.label) out.push('--title (or --label for an untitled article)');
  if (!f.published) out.push('--published');
  if (!f.publisher && !f['no-publisher']) out.push('--publisher (or --no-publisher)');
  if (!f.author?.length && !f['no-author']) out.push('--author (or --no-author)');
  if (f.approximate && !f.basis) out.push('--basis (what the approximate date is inferred from)');
  return out;
}

export function runSourceCommand(
  rest: string[],
  flags: SourceFlags,
  location: { dir: string; textsDir?: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const [sub, file, ...extra] = rest;
  if (sub !== 'add' || !file || extra.length > 0) {
    err.write(`${SOURCE_USAGE}\n`);
    return 2;
  }
  const lacking = missing(flags);
  if (flags.publisher && flags['no-publisher']) lacking.push('one of --publisher and --no-publisher, not both');
  if (flags.author?.length && flags['no-author']) lacking.push('one of --author and --no-author, not both');
  if (flags.basis && !flags.approximate) lacking.push('--approximate with --basis (the basis explains an approximate date)');
  if (lacking.length > 0) {
    err.write(`sinorussia source add: missing ${lacking.join(', ')}; nothing is guessed\n${SOURCE_USAGE}\n`);
    return 2;
  }
  if (!location.textsDir) {
    err.write('sinorussia source add: no texts folder; set KNOWLEDGE_TEXTS_DIR or pass --texts DIR\n');
    return 2;
  }
  const unnamed = [flags['no-publisher'] && 'no publisher', flags['no-author'] && 'no author'].filter(Boolean);
  const added = addSource(location.dir, location.textsDir, resolve(file), {
    id: flags.id as string,
    title: flags.title,
    label: flags.label,
    publisher: flags.publisher,
    authors: flags.author ?? [],
    published: flags.published as string,
    approximate: flags.approximate ?? false,
    basis: flags.basis,
    via: flags.via,
    excerptOf: flags['excerpt-of'],
    note: unnamed.length > 0 ? `The article names ${unnamed.join(' and ')}.` : undefined,
  });
  out.write(
    `added source ${added.id} (sha256 ${added.sha256}) at sources.yaml:${added.line}; text copied to ${added.textPath}\n` +
      `next: sinorussia draft ${added.id}\n`,
  );
  return 0;
}
