/**
 * Slack's App Home tab. For everyone: what the bot can do, the topics, and the digest
 * subscriptions of the channels they are in. For curators (CURATORS): the feedback report,
 * built afresh each time they open the tab. `buildHomeView` is pure; `registerHome` listens
 * for `app_home_opened` and publishes the view for that user.
 */
import type { App, types } from '@slack/bolt';
import type { Subscription } from '../../src/digest/types.ts';
import { digestPostWords, type FeedbackReport, type VoteTally } from '../../src/feedback/report.ts';
import { TOPICS } from '../../src/knowledge/topics.ts';
import type { Logger } from '../../src/log.ts';
import { cutAtWord, escapeSlack } from './escape.ts';

type KnownBlock = types.KnownBlock;

/** Slack refuses a Home view of more blocks. */
export const MAX_HOME_BLOCKS = 100;
/** A section's text limit. */
const MAX_SECTION = 3000;

export interface Capability {
  /** What to type, e.g. `/sinorussia gas deal`. */
  command: string;
  text: string;
}

/** What the bot can do, as the Home tab lists it (the lead may pass the command registry's list instead). */
export const DEFAULT_CAPABILITIES: Capability[] = [
  { command: '/sinorussia <question>', text: 'the facts that answer a question, with their sources' },
  { command: '/sinorussia topics', text: 'the topics the base covers' },
  { command: '/sinorussia timeline <topic>', text: 'a topic’s facts in date order' },
  { command: '/sinorussia sources', text: 'the articles the facts come from' },
  { command: '/sinorussia digest subscribe 09:00 Europe/Berlin', text: 'a daily digest in this channel' },
  { command: '@sinorussia <question>', text: 'ask in a channel; or write to the bot directly' },
];

/** Listed for curators only, under what everyone can ask. */
export const CURATOR_CAPABILITY: Capability = {
  command: '/sinorussia report',
  text: 'this feedback report, anywhere, answered privately (curators only)',
};

export interface HomeInput {
  /** Channels the user is in with a digest subscription. */
  subscriptions: Subscription[];
  capabilities?: Capability[];
  /** Only for curators: their report. Absent: the tab shows no feedback at all. */
  report?: FeedbackReport;
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: cutAtWord(text, MAX_SECTION) } });
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: text.slice(0, 150), emoji: true } });
const divider: KnownBlock = { type: 'divider' };
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: cutAtWord(text, MAX_SECTION) }] });
/** Code-formatted text a backtick cannot break out of. */
const code = (text: string) => `\`${escapeSlack(text).replace(/`/g, "'")}\``;
/** A channel id we can link safely; anything else is shown as escaped text. */
const channel = (id: string) => (/^[CGD][A-Z0-9]{2,20}$/.test(id) ? `<#${id}>` : escapeSlack(id));

function subscriptionLine(s: Subscription): string {
  const topics = s.topics.length ? s.topics.join(', ') : 'all topics';
  const paused = s.pausedReason ? ` — _paused (${escapeSlack(s.pausedReason)})_` : '';
  return `• ${channel(s.channelId)}: ${escapeSlack(s.time)} ${escapeSlack(s.timeZone)}, ${escapeSlack(topics)}${paused}`;
}

function tallyText(t: VoteTally): string {
  const reasons = t.reasons.map((r) => `${escapeSlack(r.reason)} ×${r.count}`);
  const comments = t.comments.map((c) => `“${escapeSlack(c)}”`);
  return [...reasons, ...comments].join('; ') || 'no reason given';
}

/** The curators' part: the report in a few sections (each list one section, so the view stays small). */
function reportBlocks(report: FeedbackReport): KnownBlock[] {
  const { totals } = report;
  const list = (lines: string[]) => section(lines.length ? lines.join('\n') : '_none yet_');
  return [
    divider,
    header('Curators: what readers need'),
    context(
      `${totals.votes} votes (${totals.up} 👍, ${totals.down} 👎) · ${totals.unansweredQuestions} unanswered questions, asked ${totals.unansweredAskings} times · ` +
        `updated ${escapeSlack(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC · only curators see this`,
    ),
    section('*Top unanswered questions*'),
    list(report.unanswered.map((q) => `• ${q.count}× ${escapeSlack(q.question)} _(last ${q.lastSeen})_`)),
    section('*Answers with the most 👎*'),
    list(
      report.answers.map(
        (a) =>
          `• ${a.down} 👎 ${a.up} 👍 ${code(a.query)} (${escapeSlack(a.kind)}): ${tallyText(a)}\n   facts: ${a.factIds.map(code).join(', ') || 'none'}`,
      ),
    ),
    section('*Digest posts voted on*'),
    list(report.digests.map((d) => `• ${d.down} 👎 ${d.up} 👍 ${escapeSlack(digestPostWords(d))}${d.down > 0 ? `: ${tallyText(d)}` : ''}`)),
    section('*Facts with the most 👎*'),
    list(
      report.facts.map(
        (f) => `• ${f.down} 👎 ${code(f.factId)}${f.topics.length ? ` (${escapeSlack(f.topics.join(', '))})` : ''}: ${tallyText(f)}`,
      ),
    ),
    section('*Most asked topics* (newest source)'),
    list(
      report.topics.map(
        (t) =>
          `• *${t.topic}*: ${t.asked} asked · ${t.newestSource ? `${escapeSlack(t.newestSource.published)}${t.newestSource.approximate ? ' (approx.)' : ''}` : 'no facts'}`,
      ),
    ),
  ];
}

export function buildHomeView({ subscriptions, capabilities = DEFAULT_CAPABILITIES, report }: HomeInput): {
  type: 'home';
  blocks: KnownBlock[];
} {
  const listed = report ? [...capabilities, CURATOR_CAPABILITY] : capabilities;
  const blocks: KnownBlock[] = [
    header('sinorussia: China–Russia relations, from sources'),
    section('Short, sourced answers from a curated knowledge base. Every fact cites the article it comes from.'),
    section(`*What you can ask*\n${listed.map((c) => `• ${code(c.command)} — ${escapeSlack(c.text)}`).join('\n')}`),
    section(
      `*Topics*\n${Object.entries(TOPICS)
        .map(([name, about]) => `• *${name}*: ${escapeSlack(about)}`)
        .join('\n')}`,
    ),
    section(
      `*Daily digests in your channels*\n${subscriptions.length ? subscriptions.map(subscriptionLine).join('\n') : '_None of your channels has a digest. In a channel: `/sinorussia digest subscribe 09:00 Europe/Berlin`._'}`,
    ),
    ...(report ? reportBlocks(report) : []),
  ];
  // Cannot happen with the lists above (each is one section); kept so a longer layout never gets refused.
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

export interface HomeDeps {
  /** Slack user ids who see the report. */
  curators: readonly string[];
  /** The digest subscriptions of these channels (the store's `channelSubscriptions`, on Slack). */
  subscriptions(channelIds: string[]): Promise<Subscription[]>;
  /** The report as of now; only asked for a curator. */
  report(): Promise<FeedbackReport>;
  capabilities?: Capability[];
  logger: Logger;
}

/** The most channels looked up for one user's Home (Slack pages at 200). */
const MAX_CHANNELS = 1000;

async function channelsOf(client: App['client'], user: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.users.conversations({
      user,
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.channels ?? []) if (c.id) ids.push(c.id);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && ids.length < MAX_CHANNELS);
  return ids;
}

/** Publishes the Home view whenever someone opens the Home tab. */
export function registerHome(app: App, deps: HomeDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const user = event.user;
    try {
      // Without the channels (a missing scope, a Slack hiccup) the tab still opens, with none listed.
      const channels = await channelsOf(client, user).catch((error) => {
        deps.logger.warn('slack home: could not list the user’s channels', { error: (error as Error).message });
        return [] as string[];
      });
      const subscriptions = (await deps.subscriptions(channels)).filter((s) => s.platform === 'slack');
      const report = deps.curators.includes(user) ? await deps.report() : undefined;
      await client.views.publish({ user_id: user, view: buildHomeView({ subscriptions, capabilities: deps.capabilities, report }) });
    } catch (error) {
      deps.logger.warn('slack home: could not publish the Home view', { error: (error as Error).message });
    }
  });
}
