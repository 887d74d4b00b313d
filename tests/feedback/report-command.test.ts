/**
 * The `report` command in the core: the report only for a request the adapter marked as a
 * curator's, a refusal for everyone and everywhere else (the console, the command line, a
 * mention); private and fresh, never cached; "report" alone is the command, "report on …" a
 * question. The largest report fits Discord's and Slack's limits.
 */
import { describe, expect, it } from 'vitest';
import { embedLength, LIMITS, renderEmbed } from '../../adapters/discord/render.ts';
import { renderAnswer, SLACK_LIMITS } from '../../adapters/slack/render.ts';
import type { Answer } from '../../src/answer/types.ts';
import type { Where } from '../../src/commands/request.ts';
import { createCore } from '../../src/core.ts';
import { buildReport } from '../../src/feedback/report.ts';
import type { UnansweredQuestion, Vote } from '../../src/feedback/types.ts';
import { realKnowledge } from '../digest/support.ts';

const knowledge = realKnowledge();
const now = new Date('2026-12-01T10:00:00Z');
const where = (curator?: boolean): Where => ({
  platform: 'discord',
  channelId: 'C1',
  userId: 'U1',
  canManage: false,
  ...(curator === undefined ? {} : { curator }),
});

/** The most a report holds: ten of each list, each at its longest wording. */
function fullReport() {
  const long = (i: number) => `${i} ${'why is the **gas** <@U1> & price `so` high '.repeat(8)}`.slice(0, 300);
  const unanswered: UnansweredQuestion[] = Array.from({ length: 15 }, (_, i) => ({
    platform: i % 2 ? 'slack' : 'discord',
    normalised: `q${i}`,
    example: long(i),
    count: 20 - i,
    firstSeen: now.getTime() - 1e6,
    lastSeen: now.getTime(),
  }));
  const factIds = knowledge.facts.slice(0, 12).map((f) => f.id);
  const votes: Vote[] = Array.from({ length: 15 }, (_, i) => ({
    answerId: `a${i}`,
    kind: 'search',
    query: long(i),
    factIds,
    direction: 'down',
    reason: { code: 'other', text: 'x'.repeat(500) },
    platform: 'discord',
    userHash: `h${i}`,
    at: now.getTime(),
  }));
  return buildReport({ votes, unanswered, knowledge, now });
}

function coreWith(report = fullReport()) {
  let asked = 0;
  const core = createCore(knowledge, {
    feedbackReport: async () => {
      asked++;
      return report;
    },
  });
  return { core, asked: () => asked };
}

describe('the report command', () => {
  it('answers a curator with the report, privately, unshareable and never cached', async () => {
    const { core, asked } = coreWith();
    const answer = await core.answer(core.parseText('report'), where(true));
    expect(answer).toMatchObject({
      kind: 'report',
      title: 'Feedback report',
      show: { audience: 'asker', shareable: false, cacheable: false },
    });
    expect(answer.items.length).toBeGreaterThan(10);
    await core.answer(core.parseText('report'), where(true));
    expect(asked()).toBe(2);
  });

  it('refuses without the curator mark (a reader, the console, the command line), and never reads the report', async () => {
    const { core, asked } = coreWith();
    for (const w of [where(false), where(undefined), undefined]) {
      const answer = await core.answer(core.parseText('report'), w);
      expect(answer).toMatchObject({ kind: 'report', title: 'Only curators can see the report', items: [] });
      expect(JSON.stringify(answer)).not.toContain('gas');
    }
    expect(asked()).toBe(0);
  });

  it('says so where nothing is recorded', async () => {
    const core = createCore(knowledge);
    expect((await core.answer(core.parseText('report'), where(true))).title).toBe('No report here');
  });

  it('"report" alone is the command; "report on the gas deal" is a question', () => {
    const { core } = coreWith();
    expect(core.parseText('report').command).toBe('report');
    expect(core.parseText('Report').command).toBe('report');
    expect(core.parseText('report on the gas deal')).toMatchObject({ command: 'ask', options: { question: 'report on the gas deal' } });
  });

  it('fits Discord’s embed limits and Slack’s block limits at its largest', async () => {
    const { core } = coreWith();
    const answer: Answer = await core.answer(core.parseText('report'), where(true));
    const embed = renderEmbed(answer);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.description).toMatch(/more lines left out to fit Discord's limits/);
    expect(embed.description).not.toContain('<@U1>');
    const message = renderAnswer(answer);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of message.blocks as { text?: { text: string } }[])
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    // Readers' words are escaped: no Slack mention or link can form.
    expect(JSON.stringify(message.blocks)).not.toMatch(/<@U1>/);
  });
});
