/**
 * Renders an Answer as one Discord embed: the title, one line per item with its date and
 * citation numbers (conflicting sources side by side), the cited sources in fields, and the
 * commands to try next in the footer. Always within Discord's limits; a long answer is cut
 * at an item boundary with a note saying how much was left out.
 */
import { type APIEmbed, type APIEmbedField, escapeMarkdown } from 'discord.js';
import { citationsOf, itemLabel, sideStatements, sourceSummary, statementLabel, unknownItem } from '../../src/answer/label.ts';
import type { Answer, AnswerItem, CitedSource, Statement } from '../../src/answer/types.ts';
import { cutAtWord } from '../../src/text.ts';
import { slashText } from './commands/sinorussia.ts';

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  content: 2000,
} as const;

/** Room kept for the sources so a long answer still shows what it cites. */
const SOURCES_RESERVE = 1500;
const FOOTER_MAX = 300;
/** One item never takes more than this, so at least the first item always fits. */
const ITEM_MAX = 1500;
const LEAD_MAX = 600;
const NOTE_MAX = 120;
const EMBED_COLOUR = 0xc8102e;

export function fit(text: string, max: number): string {
  // Drop a trailing backslash so the ellipsis is not escaped into nothing.
  return cutAtWord(text, max, (cut) => cut.replace(/\\+$/, ''));
}

/** Answer text may echo the user: no headings, lists, masked links or formatting from it. */
export const escapeText = (text: string) =>
  escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });

const cites = (numbers: number[]) => numbers.map((n) => `[${n}]`).join('');
const dated = (date: string | undefined) => (date ? `\`${date.replace(/`/g, "'")}\` ` : '');

/** One statement as a quoted line with its own citations only. */
function statementBlock(st: Statement, itemDate: string | undefined, marker = '>'): string {
  return `${marker} ${dated(statementLabel(st, itemDate))}${escapeText(st.text)} ${cites(st.citations)}`;
}

/** A message's words as inert text: no markdown, and an `@` that can no longer mention anyone. */
const inertText = (text: string) => escapeText(text).replace(/@/g, '@\u200b');

export function itemBlock(item: AnswerItem, index: number): string {
  switch (item.type) {
    case 'fact': {
      const number = `**${index + 1}.** ${dated(itemLabel(item))}`;
      if (item.statements)
        return fit([number.trimEnd(), ...item.statements.map((st) => statementBlock(st, item.date))].join('\n'), ITEM_MAX);
      return fit(`${number}${escapeText(item.text)} ${cites(item.citations)}`.trimEnd(), ITEM_MAX);
    }
    case 'conflict': {
      const sides = item.variants.flatMap((v) => sideStatements(v).map((st, i) => statementBlock(st, item.date, i === 0 ? '>' : '> +')));
      return fit([`**${index + 1}.** ${dated(itemLabel(item))}${item.text}:`, ...sides].join('\n'), ITEM_MAX);
    }
    case 'guide':
      if (item.command) {
        // A label (`time`, `next post`) is shown as it is; a command as the slash command that runs it.
        const command = typeof item.command === 'string' ? item.command : slashText(item.command);
        return fit(`\`${command.replace(/`/g, "'")}\` — ${escapeText(item.text)}`, ITEM_MAX);
      }
      return fit(`**${index + 1}.** ${escapeText(item.text)}`.trimEnd(), ITEM_MAX);
    case 'check': {
      // Ours under the claim, each of its items as it shows alone, quoted.
      const ours = item.items.map((inner, i) => itemBlock(inner, i).replace(/^(?!>)/gm, '> '));
      const note = item.note ? ` *${escapeText(item.note)}*` : '';
      return fit([`**${index + 1}.** “${inertText(item.claim)}” — **${item.text}.**${note}`, ...ours].join('\n'), ITEM_MAX);
    }
    default:
      return unknownItem(item);
  }
}

export function sourceLine(source: CitedSource): string {
  return fit(`**[${source.citation}]** ${escapeText(sourceSummary(source))}`, LIMITS.fieldValue);
}

/** Packs blocks into `budget` characters, stopping at a block boundary; the note says what was left out. */
function pack(head: string, blocks: string[], budget: number, note: (left: number) => string): { text: string; kept: number } {
  let text = head;
  let kept = 0;
  for (const block of blocks) {
    const next = text ? `${text}\n${block}` : block;
    const isLast = kept === blocks.length - 1;
    if (next.length + (isLast ? 0 : NOTE_MAX + 1) > budget) break;
    text = next;
    kept += 1;
  }
  if (kept < blocks.length) text = `${text}${text ? '\n' : ''}${fit(note(blocks.length - kept), NOTE_MAX)}`;
  return { text, kept };
}

/** Longest field name used below, counted for every field so the budget is never exceeded. */
const FIELD_NAME_MAX = 'Sources (continued)'.length;

/** Packs source lines into fields of at most 1,024 characters, within `budget` and 25 fields. */
function sourceFields(lines: string[], budget: number): APIEmbedField[] {
  const values: string[] = [];
  let used = 0;
  let added = 0;
  for (const line of lines) {
    const last = values.length - 1;
    const joinsLast = last >= 0 && values[last].length + 1 + line.length <= LIMITS.fieldValue;
    const cost = joinsLast ? line.length + 1 : FIELD_NAME_MAX + line.length;
    const more = lines.length - added - 1 > 0;
    // Keep room (characters and a field) for the note in case a later line does not fit.
    const reserve = more ? FIELD_NAME_MAX + NOTE_MAX : 0;
    const fieldCount = values.length + (joinsLast ? 0 : 1) + (more ? 1 : 0);
    if (used + cost + reserve > budget || fieldCount > LIMITS.fields) break;
    if (joinsLast) values[last] += `\n${line}`;
    else values.push(line);
    used += cost;
    added += 1;
  }
  if (added < lines.length) {
    const note = fit(`… and ${lines.length - added} more: /sinorussia sources`, NOTE_MAX);
    const last = values.length - 1;
    if (last >= 0 && values[last].length + 1 + note.length <= LIMITS.fieldValue) values[last] += `\n${note}`;
    else values.push(note);
  }
  return values.map((value, i) => ({ name: i === 0 ? 'Sources' : 'Sources (continued)', value }));
}

/** Citation numbers used by the first `kept` items, variants included. */
function citedBy(items: AnswerItem[]): Set<number> {
  const cited = new Set<number>();
  for (const item of items) for (const n of citationsOf(item)) cited.add(n);
  return cited;
}

export function renderEmbed(answer: Answer): APIEmbed {
  const title = fit(escapeText(answer.title) || 'sinorussia', LIMITS.title);
  const footer = answer.next.length > 0 ? fit(`Try: ${answer.next.map(slashText).join(' · ')}`, FOOTER_MAX) : '';
  const showSources = answer.kind !== 'sources' && answer.sources.length > 0;
  const budget = Math.min(LIMITS.description, LIMITS.embedTotal - title.length - footer.length - (showSources ? SOURCES_RESERVE : 0));
  const lead = answer.lead ? fit(escapeText(answer.lead), LEAD_MAX) : '';
  const blocks = answer.items.map(itemBlock);
  const noun =
    answer.kind === 'help' || answer.kind === 'topics' || answer.kind === 'no-match' || answer.kind === 'report' ? 'lines' : 'items';
  const { text, kept } = pack(lead, blocks, budget, (left) => `*… ${left} more ${noun} left out to fit Discord's limits.*`);

  const embed: APIEmbed = { title, color: EMBED_COLOUR };
  if (text) embed.description = text;
  if (showSources) {
    const cited = citedBy(answer.items.slice(0, kept));
    const lines = answer.sources.filter((s) => cited.has(s.citation)).map(sourceLine);
    const fields = sourceFields(lines, LIMITS.embedTotal - title.length - footer.length - text.length);
    if (fields.length > 0) embed.fields = fields;
  }
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** Characters Discord counts towards the 6,000 limit of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}
