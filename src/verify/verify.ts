/**
 * Verify: the claims of a message the base can check, each with what our sources say of it
 * (agrees, differs, or not in our sources) and the facts that say it, cited as every answer
 * cites. Platform-neutral: every surface renders the Answer it returns.
 */
import { type CheckItem, type ComposedItem, UNSETTLED_TEXT, VERDICT_TEXT, type Verdict } from '../answer/types.ts';
import type { CommandContext, Reply } from '../commands/command.ts';
import { MAX_INPUT } from '../commands/input.ts';
import type { Fact } from '../knowledge/types.ts';
import { cutAtWord } from '../text.ts';
import { type CheckResult, checkEvent, checkFigure, checkQuote } from './check.ts';
import { type Claim, claimsOf } from './claims.ts';
import { VERIFY_RULES } from './rules.ts';

export const NOTHING_TO_CHECK =
  'Nothing to check: the message has no figure with its period, quotation or dated event our sources could speak to.';

interface Checked {
  claim: Claim;
  result: CheckResult;
}

function checkClaim(ctx: CommandContext, claim: Claim): CheckResult | { skipped: string } {
  switch (claim.type) {
    case 'figure':
      return checkFigure(ctx, claim);
    case 'quote':
      return checkQuote(ctx, claim);
    case 'event':
      return checkEvent(ctx, claim);
  }
}

/** The claim as the check shows it: the figure's or quotation's sentence, cut short. */
const claimText = (claim: Claim) => cutAtWord(claim.sentence, VERIFY_RULES.maxClaim);

function itemFactIds(item: ComposedItem): string[] {
  const own = item.evidence.map((e) => e.factId);
  return item.type === 'conflict' ? [...own, ...item.variants.flatMap((v) => v.evidence.map((e) => e.factId))] : own;
}

function itemSources(item: ComposedItem): string[] {
  return item.type === 'conflict' ? [...item.sources, ...item.variants.flatMap((v) => v.sources)] : item.sources;
}

function itemCitations(item: ComposedItem): number[] {
  return item.type === 'conflict' ? [...item.citations, ...item.variants.flatMap((v) => v.citations)] : item.citations;
}

function leadOf(checks: CheckItem[], left: number, skippedNoPeriod: number, long: boolean): string {
  const count = (verdict: Verdict) => checks.filter((c) => c.verdict === verdict).length;
  const parts = [
    count('agrees') > 0 ? `${count('agrees')} ${count('agrees') === 1 ? 'agrees' : 'agree'} with our sources` : '',
    count('differs') > 0 ? `${count('differs')} ${count('differs') === 1 ? 'differs' : 'differ'} from them` : '',
    count('unknown') > 0 ? `${count('unknown')} not in our sources` : '',
  ].filter(Boolean);
  const noun = checks.length === 1 ? 'claim' : 'claims';
  const lines = [`${checks.length} ${noun} checked: ${parts.join(', ')}. Only what our sources say; never whether a claim is true.`];
  if (left > 0) lines.push(`Only the first ${checks.length} claims were checked; ${left} more were left.`);
  if (skippedNoPeriod > 0)
    lines.push(
      `${skippedNoPeriod} figure${skippedNoPeriod === 1 ? '' : 's'} with no period left unchecked: a figure is compared only for a stated period.`,
    );
  if (long) lines.push(`Only the first ${MAX_INPUT} characters were read.`);
  return lines.join(' ');
}

/** Said of a message acted on (a shortcut, a message command) that holds no words: files or images alone. */
export const NO_TEXT_IN_MESSAGE = 'Nothing to check: that message has no text, only files or images.';

export function verifyText(ctx: CommandContext, text: string, query: string, { fromMessage = false } = {}): Reply {
  // A claim the message repeats is checked once.
  const seen = new Set<string>();
  const found = claimsOf(text).filter((claim) => {
    const key = JSON.stringify(claim);
    return !seen.has(key) && seen.add(key);
  });
  const checked: Checked[] = [];
  let skippedNoPeriod = 0;
  let left = 0;
  for (const claim of found) {
    // Past the cap, claims are only counted: a long paste costs no more than ten checks.
    if (checked.length >= VERIFY_RULES.maxChecks) {
      left += 1;
      continue;
    }
    const result = checkClaim(ctx, claim);
    if ('skipped' in result) {
      if (result.skipped === 'no-period') skippedNoPeriod += 1;
      continue;
    }
    checked.push({ claim, result });
  }
  const base = {
    kind: 'verify' as const,
    query,
    title: 'Verify: what our sources say',
    next: [{ command: 'verify' as const, usage: true }, { command: 'help' as const }],
  };
  if (text.trim() === '') {
    // Typed, the text is missing after the word; acted on, the message itself has none (nothing to retype).
    const lead = fromMessage ? NO_TEXT_IN_MESSAGE : `${NOTHING_TO_CHECK} Give the message's text after verify.`;
    return { ...base, matched: false, lead, items: [], sources: [] };
  }
  if (checked.length === 0) {
    const unperioded =
      skippedNoPeriod > 0
        ? ` ${skippedNoPeriod === 1 ? 'Its figure gives' : 'Its figures give'} no period: a figure is compared only for a stated period.`
        : '';
    return { ...base, matched: false, lead: `${NOTHING_TO_CHECK}${unperioded}`, items: [], sources: [] };
  }

  // One composition for every check, so citation numbers are shared; each check takes the items of its facts.
  const facts: Fact[] = [];
  for (const { result } of checked) for (const f of result.facts) if (!facts.includes(f)) facts.push(f);
  const { items: composed, sources } = ctx.composer.compose(facts);
  const items: CheckItem[] = checked.map(({ claim, result }) => {
    const ids = new Set(result.facts.map((f) => f.id));
    const own = composed.filter((item) => itemFactIds(item).some((id) => ids.has(id)));
    return {
      type: 'check',
      text: result.verdict === 'unknown' && own.length > 0 ? UNSETTLED_TEXT : VERDICT_TEXT[result.verdict],
      claim: claimText(claim),
      verdict: result.verdict,
      reading: result.reading,
      note: result.note,
      items: own,
      sources: [...new Set(own.flatMap(itemSources))],
      citations: [...new Set(own.flatMap(itemCitations))].sort((a, b) => a - b),
      evidence: own.flatMap((item) => item.evidence),
    };
  });
  return {
    ...base,
    matched: items.some((c) => c.verdict !== 'unknown'),
    lead: leadOf(items, left, skippedNoPeriod, text.length >= MAX_INPUT),
    items,
    sources,
  };
}
