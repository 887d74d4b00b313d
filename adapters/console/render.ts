/**
 * Renders an Answer for a terminal: the title, numbered items with their dates and
 * citation numbers, conflicts side by side, then the sources. Colour only on a TTY.
 */

import { itemLabel, sideStatements, sourceSummary, statementLabel, unknownItem } from '../../src/answer/label.ts';
import type { Answer, AnswerItem, CheckItem, CitedSource, CommandRef, ConflictItem, FactItem, Statement } from '../../src/answer/types.ts';
import { requestText } from '../../src/commands/request-text.ts';
import { chartTextLines, isUtf8Locale } from './chart-text.ts';

export interface TerminalStyle {
  bold(s: string): string;
  dim(s: string): string;
}

export const PLAIN: TerminalStyle = { bold: (s) => s, dim: (s) => s };
export const ANSI: TerminalStyle = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

/** A command as people type it (`timeline trade`); a label as it is. */
const commandText = (command: CommandRef | string) => (typeof command === 'string' ? command : requestText(command));

const cites = (numbers: number[]) => numbers.map((n) => `[${n}]`).join('');

/** One statement with its own citations only, after its label when it has one. */
function statementLine(st: Statement, itemDate: string | undefined, style: TerminalStyle): string {
  const label = statementLabel(st, itemDate);
  return `${label ? `${style.dim(label)}  ` : ''}${st.text} ${cites(st.citations)}`;
}

function factLines(item: FactItem, index: number, style: TerminalStyle): string[] {
  const label = itemLabel(item);
  if (item.statements) {
    return [
      `${index + 1}. ${label ? style.dim(label) : ''}:`,
      ...item.statements.map((st) => `     - ${statementLine(st, item.date, style)}`),
    ];
  }
  return [`${index + 1}. ${label ? `${style.dim(label)}  ` : ''}${item.text} ${cites(item.citations)}`];
}

function conflictLines(item: ConflictItem, index: number, style: TerminalStyle): string[] {
  const label = itemLabel(item);
  return [
    `${index + 1}. ${label ? `${style.dim(label)}  ` : ''}${item.text}:`,
    ...item.variants.flatMap((v) =>
      sideStatements(v).map((st, i) => `${i === 0 ? '     - ' : '       + '}${statementLine(st, item.date, style)}`),
    ),
  ];
}

/** A checked claim: the message's words, the verdict, then what our sources say, indented. */
function checkLines(item: CheckItem, index: number, style: TerminalStyle): string[] {
  const ours = item.items.flatMap((inner, i) => itemLines(inner, i, style).map((line) => `     ${line}`));
  return [
    `${index + 1}. "${item.claim}"`,
    `   ${style.bold(`${item.text}.`)}${item.reading ? style.dim(`  (${item.reading})`) : ''}`,
    ...(item.note ? [`   ${item.note}`] : []),
    ...ours,
  ];
}

function itemLines(item: AnswerItem, index: number, style: TerminalStyle): string[] {
  switch (item.type) {
    case 'fact':
      return factLines(item, index, style);
    case 'conflict':
      return conflictLines(item, index, style);
    case 'guide':
      return item.command ? [`  ${style.bold(commandText(item.command).padEnd(18))} ${item.text}`] : [`${index + 1}. ${item.text} `];
    case 'check':
      return checkLines(item, index, style);
    default:
      return unknownItem(item);
  }
}

export function sourceLine(s: CitedSource): string {
  return `[${s.citation}] ${sourceSummary(s)}`;
}

export interface TerminalOptions {
  /** Draw the chart with plain ASCII; by default, when the locale is not UTF-8. */
  ascii?: boolean;
}

export function renderTerminal(answer: Answer, style: TerminalStyle = PLAIN, options: TerminalOptions = {}): string {
  const out = [style.bold(answer.title)];
  if (answer.lead) out.push(answer.lead);
  out.push('');
  answer.items.forEach((item, i) => out.push(...itemLines(item, i, style)));
  if (answer.chart) out.push('', ...chartTextLines(answer.chart, { ascii: options.ascii ?? !isUtf8Locale() }));
  if (answer.sources.length > 0 && answer.kind !== 'sources') {
    out.push('', style.bold('Sources'), ...answer.sources.map(sourceLine));
  }
  if (answer.next.length > 0) out.push('', style.dim(`Try: ${answer.next.map(commandText).join(' · ')}`));
  return out.join('\n');
}
