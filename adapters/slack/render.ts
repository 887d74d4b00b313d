/**
 * Renders an Answer as a Slack message: Block Kit blocks plus a plain `text` fallback for
 * notifications. Every string that came from the Answer is escaped (see escape.ts), and the
 * message stays inside Slack's limits: a long answer is cut at an item boundary with a note.
 */
import type { types } from '@slack/bolt';
import { citationsOf, itemLabel, sideStatements, sourceSummary, statementLabel, unknownItem } from '../../src/answer/label.ts';
import type {
  Answer,
  AnswerItem,
  CheckItem,
  CitedSource,
  CommandRef,
  ConflictItem,
  FactItem,
  GuideItem,
  Statement,
} from '../../src/answer/types.ts';
import { chartFiguresOf } from '../../src/chart/from-items.ts';
import type { Chart } from '../../src/chart/types.ts';
import { requestText } from '../../src/commands/request-text.ts';
import { chartBlocks } from './chart-block.ts';
import { cutAtWord, escapeSlack } from './escape.ts';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type ContextBlock = types.ContextBlock;
type MrkdwnElement = types.MrkdwnElement;

/** Slack's documented Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  headerText: 150,
  buttonValue: 2000,
} as const;

/** Items shown before the rest are summarised: a Slack answer should read at a glance. */
export const DEFAULT_MAX_ITEMS = 25;
/** Longest fallback text: it only feeds notifications and screen readers' summary. */
const FALLBACK_TEXT = 1000;
/** One source line in the context block; titles are short, notes can be long. */
const SOURCE_TEXT = 300;

export const SHARE_ACTION_ID = 'share_answer';

export interface RenderOptions {
  /** Adds a "Share to channel" button whose value re-runs this command text. */
  shareCommand?: string;
  /** A Slack user id (from Slack's payload) shown as "Shared by <@U…>". */
  sharedBy?: string;
  maxItems?: number;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });
const context = (texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });
const cites = (numbers: number[]) => numbers.map((n) => `[${n}]`).join('');
const code = (text: string) => `\`${escapeSlack(text).replace(/`/g, "'")}\``;
/** Slack user ids look like U0123ABC or W0123ABC; anything else is not rendered as a mention. */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** One statement in mrkdwn with its own citations only. */
function statementText(st: Statement, itemDate: string | undefined): string {
  const label = statementLabel(st, itemDate);
  return `${label ? `*${escapeSlack(label)}*  ` : ''}${escapeSlack(st.text)}  ${cites(st.citations)}`;
}

/** A command as people type it after `/sinorussia` (`timeline trade`); a label as it is. */
const commandText = (command: CommandRef | string) => (typeof command === 'string' ? command : requestText(command));
const commandCode = (command: CommandRef) => code(commandText(command));

/**
 * The mrkdwn for a fact: one line, or, when sources agree in their own words, the label and
 * then one line per source's statement.
 */
function factLine(item: FactItem): string {
  const label = itemLabel(item);
  if (item.statements)
    return [`*${escapeSlack(label ?? '')}*`, ...item.statements.map((st) => `• ${statementText(st, item.date)}`)].join('\n');
  const citations = item.citations.length > 0 ? `  ${cites(item.citations)}` : '';
  return `${label ? `*${escapeSlack(label)}*  ` : ''}${escapeSlack(item.text)}${citations}`;
}

/** A line of guidance: the command it describes, then what it does. */
function guideText(item: GuideItem): string {
  return item.command ? `${code(commandText(item.command))}  ${escapeSlack(item.text)}` : escapeSlack(item.text);
}

/**
 * A checked claim: the message's words as inert code (no formatting, link or ping), the
 * verdict, then ours, a conflict's sides one line each.
 */
function checkText(item: CheckItem): string {
  const ours = item.items.flatMap((inner) =>
    inner.type === 'fact' ? [factLine(inner)] : inner.variants.flatMap((v) => sideStatements(v).map((st) => statementText(st, inner.date))),
  );
  const note = item.note ? ` _${escapeSlack(item.note)}_` : '';
  return [`${code(item.claim)}  *${escapeSlack(item.text)}.*${note}`, ...ours.map((line) => `>${line.replace(/\n/g, '\n>')}`)].join('\n');
}

/** Sources disagree: one field per side, side by side, each with its own citations. */
function conflictBlock(item: ConflictItem): SectionBlock {
  const label = itemLabel(item);
  const date = label ? `*${escapeSlack(label)}*  ` : '';
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: cutAtWord(`${date}${item.text}:`, SLACK_LIMITS.sectionText) },
    fields: item.variants.slice(0, SLACK_LIMITS.sectionFields).map((v) => {
      const text = sideStatements(v)
        .map((st) => statementText(st, item.date))
        .join('\n');
      return mrkdwn(cutAtWord(text, SLACK_LIMITS.fieldText));
    }),
  };
}

export function sourceText(s: CitedSource): string {
  return cutAtWord(`[${s.citation}] ${escapeSlack(sourceSummary(s))}`, SOURCE_TEXT);
}

/** Context blocks of at most ten elements each. */
function contextBlocks(texts: string[]): ContextBlock[] {
  const blocks: ContextBlock[] = [];
  for (let i = 0; i < texts.length; i += SLACK_LIMITS.contextElements) {
    blocks.push(context(texts.slice(i, i + SLACK_LIMITS.contextElements)));
  }
  return blocks;
}

function moreNote(hidden: number, answer: Answer): string {
  const noun = hidden === 1 ? 'item' : 'items';
  const tries = answer.next.slice(0, 3).map(commandCode);
  return `${hidden} more ${noun} not shown${tries.length > 0 ? `: try ${tries.join(' or ')}` : ''}.`;
}

interface ItemArea {
  blocks: KnownBlock[];
  shown: AnswerItem[];
}

/**
 * Packs item lines into sections of at most 3,000 characters, one section per conflicting
 * item, until the block budget or the item cap is reached; never splits an item.
 */
function layOutItems(items: AnswerItem[], budget: number, maxItems: number): ItemArea {
  const blocks: KnownBlock[] = [];
  const shown: AnswerItem[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: pending.join('\n') } });
    pending = [];
  };
  const used = () => blocks.length + (pending.length > 0 ? 1 : 0);
  for (const item of items) {
    if (shown.length >= maxItems) break;
    if (item.type === 'conflict') {
      if (used() + 1 > budget) break;
      flush();
      blocks.push(conflictBlock(item));
    } else {
      const text = item.type === 'fact' ? factLine(item) : item.type === 'check' ? checkText(item) : guideText(item);
      const line = cutAtWord(text, SLACK_LIMITS.sectionText);
      const joined = pending.length > 0 ? pending.join('\n').length + 1 + line.length : line.length;
      const needsNewSection = pending.length === 0 || joined > SLACK_LIMITS.sectionText;
      if (needsNewSection && used() + 1 > budget) break;
      if (needsNewSection) flush();
      pending.push(line);
    }
    shown.push(item);
  }
  flush();
  return { blocks, shown };
}

function introLine(answer: Answer, sharedBy: string | undefined): string | undefined {
  const parts: string[] = [];
  if (sharedBy && USER_ID.test(sharedBy)) parts.push(`Shared by <@${sharedBy}>`);
  const asked = answer.kind === 'search' || answer.kind === 'no-match';
  if (asked && answer.query) parts.push(`Question: ${escapeSlack(answer.query)}`);
  return parts.length > 0 ? cutAtWord(parts.join(' · '), SLACK_LIMITS.sectionText) : undefined;
}

/** An item in the notification text: a conflict's label only, a fact's first statement. */
function fallbackLine(item: AnswerItem): string {
  switch (item.type) {
    case 'fact':
      return item.statements ? `${escapeSlack(itemLabel(item) ?? '')}: ${statementText(item.statements[0], item.date)} …` : factLine(item);
    case 'conflict':
      return `${escapeSlack(itemLabel(item) ?? '')} ${item.text}.`.trim();
    case 'guide':
      return guideText(item);
    case 'check':
      return `${code(item.claim)}: ${escapeSlack(item.text)}.`;
    default:
      return unknownItem(item);
  }
}

function fallbackText(answer: Answer, shown: AnswerItem[], sharedBy: string | undefined): string {
  const lines = [escapeSlack(answer.title)];
  if (sharedBy && USER_ID.test(sharedBy)) lines[0] += ` (shared by <@${sharedBy}>)`;
  if (answer.lead) lines.push(escapeSlack(answer.lead));
  let length = lines.join('\n').length;
  for (const item of shown) {
    const line = fallbackLine(item);
    if (length + 1 + line.length > FALLBACK_TEXT) break;
    lines.push(line);
    length += 1 + line.length;
  }
  return cutAtWord(lines.join('\n'), FALLBACK_TEXT);
}

/** Whether the items state each of the chart's figures, so the text says all that the chart draws. */
function showsEveryPoint(chart: Chart, shown: readonly AnswerItem[]): boolean {
  const key = (measure: string, period: string, value: number) => `${measure}|${period}|${value}`;
  const stated = new Set(chartFiguresOf(shown).map(({ figure: f }) => key(f.measure, f.period.raw, f.value)));
  return chart.points.every((p) => stated.has(key(p.measure, p.period, p.value)));
}

export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cutAtWord(escapeSlack(answer.title), SLACK_LIMITS.headerText) } },
  ];
  const intro = introLine(answer, options.sharedBy);
  if (intro) head.push(context([intro]));
  if (answer.lead) head.push(context([cutAtWord(escapeSlack(answer.lead), SLACK_LIMITS.sectionText)]));
  // The block is newer than @slack/types' KnownBlock, hence the cast.
  const charts = chartBlocks(answer.chart ? [answer.chart] : []) as unknown as KnownBlock[];

  const listSources = answer.kind !== 'sources';
  const sourceBlocksAtMost = listSources ? Math.ceil(answer.sources.length / SLACK_LIMITS.contextElements) : 0;
  const tail = (answer.next.length > 0 ? 1 : 0) + (options.shareCommand !== undefined ? 1 : 0);
  const noteBlock = 1;
  const budget = SLACK_LIMITS.blocks - head.length - charts.length - sourceBlocksAtMost - tail - noteBlock;
  const area = layOutItems(answer.items, budget, maxItems);
  // Slack draws the chart itself; it goes under the head only when the items shown state every number it draws.
  const drawn = answer.chart && showsEveryPoint(answer.chart, area.shown) ? charts : [];

  const blocks: KnownBlock[] = [...head, ...drawn, ...area.blocks];
  const hidden = answer.items.length - area.shown.length;
  if (hidden > 0) blocks.push(context([moreNote(hidden, answer)]));
  if (listSources) {
    const cited = new Set(area.shown.flatMap(citationsOf));
    const sources = answer.sources.filter((s) => cited.has(s.citation));
    blocks.push(...contextBlocks(sources.map(sourceText)));
  }
  if (answer.next.length > 0) blocks.push(context([`Try: ${answer.next.slice(0, 5).map(commandCode).join(' · ')}`]));
  if (options.shareCommand !== undefined) blocks.push(shareActions(options.shareCommand));
  return { text: fallbackText(answer, area.shown, options.sharedBy), blocks };
}

/**
 * The button carries the command text, escaped like everything else we send (handlers decode
 * it when clicked) and cut to Slack's 2,000-character value limit without splitting an entity.
 */
export function shareValue(command: string): string {
  const escaped = escapeSlack(command || 'help');
  if (escaped.length <= SLACK_LIMITS.buttonValue) return escaped;
  const cut = escaped.slice(0, SLACK_LIMITS.buttonValue);
  const amp = cut.lastIndexOf('&');
  return amp >= 0 && !cut.slice(amp).includes(';') ? cut.slice(0, amp) : cut;
}

function shareActions(command: string): types.ActionsBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share to channel' },
        value: shareValue(command),
      },
    ],
  };
}

/** A short apology when something failed: the person never meets silence. */
export const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
