/**
 * The `sinorussia` command line: ask, topics, sources, timeline and check.
 * Every answer comes from the same core as the bots'; only the rendering is the terminal's.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { renderTerminal, ANSI, PLAIN } from '../adapters/console/render.ts';
import { answerToJson } from '../src/answer/json.ts';
import { createAnswerer } from '../src/commands/index.ts';
import { formatIssue, SinorussiaError } from '../src/errors.ts';
import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import { CACHE_DIR, KNOWLEDGE_DIR } from './knowledge-dir.ts';

const USAGE = `usage: sinorussia <command>
  ask "<question>" [--json]   the facts that answer a question
  topics                      the topics
  sources                     the articles the facts come from
  timeline [topic]            facts in date order
  check [--texts DIR] [--strict]
                              validate the knowledge base (and every quote against the article texts);
                              --strict fails on warnings too (the CI form)
  digest preview [--date YYYY-MM-DD] [--channel ID]
                              a channel's daily digest for a date (default tomorrow)
options: --knowledge DIR (default: the bundled knowledge/)`;

export async function runCli(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        texts: { type: 'string' },
        knowledge: { type: 'string' },
        date: { type: 'string' },
        channel: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    err.write(`sinorussia: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const dir = values.knowledge ? resolve(values.knowledge) : KNOWLEDGE_DIR;
  if (values.help || !command) {
    (command ? out : err).write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }

  if (command === 'check') {
    const { checkKnowledge } = await import('../src/knowledge/check.ts');
    const report = checkKnowledge(dir, values.texts ? resolve(values.texts) : undefined);
    const errors = values.strict ? [...report.issues, ...report.warnings] : report.issues;
    for (const issue of report.issues) err.write(`${formatIssue(issue)}\n`);
    for (const warning of report.warnings) err.write(`${formatIssue(warning)} (${values.strict ? 'error: --strict' : 'warning'})\n`);
    if (errors.length > 0) {
      err.write(`sinorussia check: ${errors.length} error(s)${values.strict && report.warnings.length > 0 ? `, ${report.warnings.length} of them warnings (--strict)` : ''}\n`);
      return 1;
    }
    const quotes = values.texts ? `${report.quotesVerified} quotes verified against ${values.texts}` : 'quotes not verified (no --texts)';
    const warned = report.warnings.length > 0 ? `, ${report.warnings.length} warning(s)` : '';
    out.write(`knowledge ok: ${report.sources} sources, ${report.facts} facts, ${quotes}${warned}\n`);
    return 0;
  }

  if (command === 'digest') {
    const { runDigestPreview } = await import('./digest-preview.ts');
    return runDigestPreview(rest, values, dir, out, err);
  }

  const known = ['ask', 'topics', 'sources', 'timeline', 'help'];
  if (!known.includes(command)) {
    err.write(`sinorussia: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (command === 'ask' && rest.join(' ').trim() === '') {
    err.write(`sinorussia: ask needs a question, e.g. sinorussia ask "gas deal"\n`);
    return 2;
  }
  const answerer = createAnswerer(await loadKnowledgeCached(dir, CACHE_DIR));
  const text = command === 'ask' ? `ask ${rest.join(' ')}` : [command, ...rest].join(' ');
  const answer = answerer.answer(text);
  if (values.json) out.write(`${JSON.stringify(answerToJson(answer))}\n`);
  else out.write(`${renderTerminal(answer, out.isTTY ? ANSI : PLAIN)}\n`);
  return 0;
}

export async function main(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof SinorussiaError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
