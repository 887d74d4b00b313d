/** `sinorussia draft SOURCE_ID [--json] [--force]`: candidate facts for a curator to review. */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { draftSource } from '../src/draft/draft.ts';
import { draftToJson, reviewFileText } from '../src/draft/review-file.ts';
import { readDrafting } from '../src/draft/vocabulary.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { readTexts } from '../src/knowledge/texts.ts';
import { KNOWLEDGE_DIR } from './knowledge-dir.ts';

export function runDraftCommand(
  rest: string[],
  flags: { json?: boolean; force?: boolean },
  location: { dir: string; textsDir?: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const [id, ...extra] = rest;
  if (!id || extra.length > 0) {
    err.write('usage: sinorussia draft SOURCE_ID [--json] [--force] [--texts DIR]\n');
    return 2;
  }
  if (!location.textsDir) {
    err.write('sinorussia draft: no texts folder; set KNOWLEDGE_TEXTS_DIR or pass --texts DIR\n');
    return 2;
  }
  const knowledge = loadKnowledge(location.dir);
  const source = knowledge.sources.get(id);
  if (!source) {
    err.write(`sinorussia draft: no source "${id}" in sources.yaml (sources: ${[...knowledge.sources.keys()].join(', ')})\n`);
    return 2;
  }
  const text = readTexts(location.textsDir).get(source.sha256);
  if (text === undefined) {
    err.write(`sinorussia draft: no text in ${location.textsDir} has the sha256 of "${id}" (${source.sha256})\n`);
    return 1;
  }
  const draft = draftSource(source, text, knowledge, readDrafting(location.dir, KNOWLEDGE_DIR));
  if (flags.json) {
    out.write(`${JSON.stringify(draftToJson(draft))}\n`);
    return 0;
  }
  const folder = join(location.dir, 'drafts');
  const file = join(folder, `${id}.yaml`);
  if (existsSync(file) && !flags.force) {
    err.write(`sinorussia draft: ${file} exists (a review in progress is never overwritten); pass --force to replace it\n`);
    return 1;
  }
  mkdirSync(folder, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, reviewFileText(draft));
  renameSync(tmp, file);
  const kinds = new Map<string, number>();
  for (const c of draft.candidates) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const matched = draft.candidates.filter((c) => c.matches.length > 0).length;
  const differs = draft.candidates.filter((c) => c.matches.some((m) => m.relation === 'differs')).length;
  out.write(
    `wrote ${relative(process.cwd(), file) || file}: ${draft.candidates.length} candidates (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}); ` +
      `${matched} match existing facts${differs > 0 ? `, ${differs} differ from one (a conflict to record)` : ''}\n`,
  );
  return 0;
}
