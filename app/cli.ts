/**
 * The `sinorussia` command line: ask, topics, sources, timeline and check.
 * Every answer comes from the same core as the bots'; only the rendering is the terminal's.
 */
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { ANSI, PLAIN, renderTerminal } from '../adapters/console/render.ts';
import { answerToJson, verifyToJson } from '../src/answer/json.ts';
import { COMMANDS } from '../src/commands/registry.ts';
import { verifyRequest } from '../src/commands/verify.ts';
import { createCore } from '../src/core.ts';
import { formatIssue, SinorussiaError } from '../src/errors.ts';
import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import { CACHE_DIR, knowledgeLocation } from './knowledge-dir.ts';

/** The bot's commands the command line offers too, from the registry: `ask <question>`, `timeline [topic]`, … */
const ANSWER_COMMANDS = COMMANDS.filter((c) => c.cli === true);
const answerUsage = ANSWER_COMMANDS.map((c) => {
  const usage = [c.name, ...(c.options ?? []).map((o) => o.placeholder)].join(' ');
  return `  ${`${usage} [--json]`.padEnd(28)}${c.summary}`;
}).join('\n');

const USAGE = `usage: sinorussia <command>
${answerUsage}
  check [--texts DIR] [--strict] [--stale]
                              validate the knowledge base (and every quote against the article texts);
                              --strict fails on warnings too (the CI form);
                              --stale lists each topic's newest source date
  source add FILE --id ID --title "…" --published YYYY[-MM[-DD]] …
                              register an article text (sinorussia source add --help)
  draft SOURCE_ID [--json] [--force]
                              candidate facts from a source's text, written to drafts/SOURCE_ID.yaml
                              for review (--json prints them instead)
  digest preview [--date YYYY-MM-DD] [--channel ID]
                              a channel's daily digest for a date (default tomorrow)
  corrections preview         what a reload of the knowledge files would correct in posts
                              already made (sends nothing)
  report [--since YYYY-MM-DD] [--json]   the curators' report
options: --knowledge DIR (default: KNOWLEDGE_DIR, else the bundled knowledge/)
         --texts DIR (default: KNOWLEDGE_TEXTS_DIR)`;

/** Runs the option parser; a bad option is reported with the usage and gives undefined. */
function parsedOrUsage<T>(err: NodeJS.WritableStream, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (e) {
    err.write(`sinorussia: ${(e as Error).message}\n${USAGE}\n`);
    return undefined;
  }
}

export async function runCli(
  argv: string[],
  out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  // Its own options (--since), parsed by cli-report.ts, so it goes before the shared parser.
  if (argv[0] === 'report') return (await import('./cli-report.ts')).runReportCli(argv.slice(1), out, err, env);
  const parsed = parsedOrUsage(err, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        texts: { type: 'string' },
        knowledge: { type: 'string' },
        date: { type: 'string' },
        channel: { type: 'string' },
        stale: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        id: { type: 'string' },
        title: { type: 'string' },
        label: { type: 'string' },
        publisher: { type: 'string' },
        'no-publisher': { type: 'boolean' },
        author: { type: 'string', multiple: true },
        'no-author': { type: 'boolean' },
        published: { type: 'string' },
        approximate: { type: 'boolean' },
        basis: { type: 'string' },
        via: { type: 'string' },
        'excerpt-of': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }),
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const location = knowledgeLocation(env, values);
  const { dir, textsDir } = location;
  if (command === 'source') {
    const { runSourceCommand, SOURCE_USAGE } = await import('./cli-source.ts');
    if (values.help) {
      out.write(`${SOURCE_USAGE}\n`);
      return 0;
    }
    return runSourceCommand(rest, values, location, out, err);
  }
  if (command === 'draft') {
    const { runDraftCommand } = await import('./cli-draft.ts');
    return runDraftCommand(rest, values, location, out, err);
  }
  if (values.help || !command) {
    (command ? out : err).write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }

  if (command === 'check') {
    const { checkKnowledge } = await import('../src/knowledge/check.ts');
    const report = checkKnowledge(dir, textsDir);
    const errors = values.strict ? [...report.issues, ...report.warnings] : report.issues;
    for (const issue of report.issues) err.write(`${formatIssue(issue)}\n`);
    for (const warning of report.warnings) err.write(`${formatIssue(warning)} (${values.strict ? 'error: --strict' : 'warning'})\n`);
    if (errors.length > 0) {
      const strictNote = values.strict && report.warnings.length > 0 ? `, ${report.warnings.length} of them warnings (--strict)` : '';
      err.write(`sinorussia check: ${errors.length} error(s)${strictNote}\n`);
      return 1;
    }
    const quotes = textsDir
      ? `${report.quotesVerified} quotes verified against ${values.texts ?? textsDir}`
      : 'quotes not verified (no --texts)';
    const warned = report.warnings.length > 0 ? `, ${report.warnings.length} warning(s)` : '';
    out.write(`knowledge ok: ${report.sources} sources, ${report.facts} facts, ${quotes}${warned}\n`);
    if (values.stale) {
      const { loadKnowledge } = await import('../src/knowledge/load.ts');
      const { formatFreshness, topicFreshness } = await import('../src/knowledge/stale.ts');
      out.write(`newest source per topic (oldest first):\n${formatFreshness(topicFreshness(loadKnowledge(dir)))}\n`);
    }
    return 0;
  }

  if (command === 'digest') {
    const { runDigestPreview } = await import('./digest-preview.ts');
    return runDigestPreview(rest, values, dir, out, err);
  }

  if (command === 'corrections') {
    const { runCorrectionsCommand } = await import('./cli-corrections.ts');
    return runCorrectionsCommand(rest, location, env, out, err);
  }

  if (!ANSWER_COMMANDS.some((c) => c.name === command)) {
    err.write(`sinorussia: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (command === 'ask' && rest.join(' ').trim() === '') {
    err.write(`sinorussia: ask needs a question, e.g. sinorussia ask "gas deal"\n`);
    return 2;
  }
  const core = createCore(await loadKnowledgeCached(dir, CACHE_DIR));
  if (command === 'verify' && rest.join(' ').trim() === '') {
    err.write(`sinorussia: verify needs the text to check, e.g. sinorussia verify "China and Russia traded $190 billion in 2022"\n`);
    return 2;
  }
  if (command === 'verify') {
    // The text is the message as given, never read as a command of its own.
    const answer = await core.answer(verifyRequest(rest.join(' ')));
    if (values.json) out.write(`${JSON.stringify(verifyToJson(answer, rest.join(' ')))}\n`);
    else out.write(`${renderTerminal(answer, out.isTTY ? ANSI : PLAIN)}\n`);
    return 0;
  }
  const text = command === 'ask' ? `ask ${rest.join(' ')}` : [command, ...rest].join(' ');
  const answer = await core.answer(core.parseText(text));
  if (values.json) out.write(`${JSON.stringify(answerToJson(answer))}\n`);
  else out.write(`${renderTerminal(answer, out.isTTY ? ANSI : PLAIN)}\n`);
  return 0;
}

export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof SinorussiaError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
