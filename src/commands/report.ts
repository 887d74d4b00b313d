import { guideLine } from '../answer/guide.ts';
import type { AnswerItem } from '../answer/types.ts';
import { withoutMentions } from '../feedback/normalise.ts';
import { type FeedbackReport, reasonsText, type VoteTally } from '../feedback/report.ts';
import { defineCommand, type Reply } from './command.ts';
import type { Request } from './request.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Readers' words, once more without anything that names a person (they were stored so; this holds for old rows too). */
const words = (text: string) => withoutMentions(text);
const reasons = (tally: VoteTally) => words(reasonsText(tally));

/**
 * The report as guidance lines, most pressing first (unanswered questions, then the answers
 * and facts marked 👎, then the topics), so a platform that must cut it cuts the topics. The
 * questions and notes are readers' words: mentions go, and renderers escape the rest like any
 * echoed text.
 */
export function reportItems(report: FeedbackReport): AnswerItem[] {
  return [
    ...report.unanswered.map((q) =>
      guideLine(`unanswered ${q.count}×`, `${words(q.question)} (first ${q.firstSeen}, last ${q.lastSeen}; ${q.platforms.join(', ')})`),
    ),
    ...report.answers.map((a) =>
      guideLine(`answer 👎${a.down} 👍${a.up}`, `"${words(a.query)}" (${a.kind}): ${reasons(a)}. Facts: ${a.factIds.join(', ') || 'none'}`),
    ),
    ...report.facts.map((f) =>
      guideLine(
        `fact 👎${f.down} 👍${f.up}`,
        `${f.factId}${f.topics.length ? ` (${f.topics.join(', ')})` : f.claim ? '' : ' (no longer in the base)'}: ${reasons(f)}`,
      ),
    ),
    ...report.topics.map((t) =>
      guideLine(
        `topic ${t.topic}`,
        `${t.asked} asked; newest source ${t.newestSource ? `${t.newestSource.published}${t.newestSource.approximate ? ' (approx.)' : ''}, ${t.newestSource.id}` : 'none: no facts'}`,
      ),
    ),
  ];
}

export function reportReply(report: FeedbackReport, request: Request): Reply {
  const { totals } = report;
  return {
    kind: 'report',
    query: request.query,
    matched: true,
    title: 'Feedback report',
    lead:
      `${plural(totals.votes, 'vote')} (${totals.up} 👍, ${totals.down} 👎); ` +
      `${plural(totals.unansweredQuestions, 'unanswered question')}, asked ${plural(totals.unansweredAskings, 'time')}. ` +
      `Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC; only you see this. The full report: sinorussia report, on the command line.`,
    items: reportItems(report),
    sources: [],
    next: [],
  };
}

/** The answer to anyone else: says who may see it, and shows nothing of it. */
export function notACurator(request: Request): Reply {
  return {
    kind: 'report',
    query: request.query,
    matched: true,
    title: 'Only curators can see the report',
    lead: 'The feedback report is shown privately, to curators only, with the slash command. Ask an admin to list you in CURATORS; whoever runs the bot can also read it on the command line with `sinorussia report`.',
    items: [],
    sources: [],
    next: [{ command: 'help' }],
  };
}

/**
 * `report`: the curators' feedback report, privately. The adapter decides who is a curator
 * (`where.curator`) and sets it only where the answer reaches the asker alone; everyone else,
 * and every other surface, is refused without a line of it.
 */
export const reportCommand = defineCommand({
  name: 'report',
  summary: "the curators' feedback report (curators only, shown only to you)",
  description: "The curators' feedback report (curators only, shown only to you)",
  audience: 'asker',
  // Readers cannot use it: help stays about what they can do (the README documents it).
  listed: false,
  wordAlone: true,
  async run(ctx, request, where) {
    if (where?.curator !== true) return notACurator(request);
    if (!ctx.feedbackReport)
      return { ...notACurator(request), title: 'No report here', lead: 'Feedback is not recorded here (FEEDBACK=off, or no key).' };
    return reportReply(await ctx.feedbackReport(), request);
  },
});
