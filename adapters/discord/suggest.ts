/**
 * Autocomplete choices for `/sinorussia ask question:`, from the core's suggestions, cut
 * to Discord's limits. In memory and synchronous: well inside the 3-second window.
 */

import { suggest as coreSuggest } from '../../src/commands/suggest.ts';
import type { Core } from '../../src/core.ts';

export interface Suggestion {
  name: string;
  value: string;
}

/** Discord's limits for autocomplete: 25 choices, name and value 1–100 characters. */
const MAX_CHOICES = 25;
const CHOICE_MAX = 100;

const cut = (text: string) => (text.length <= CHOICE_MAX ? text : `${text.slice(0, CHOICE_MAX - 1)}…`);

export function suggest(core: Pick<Core, 'context'>, partial: string, limit = MAX_CHOICES): Suggestion[] {
  const choices = coreSuggest(core.context, partial, Math.min(limit, MAX_CHOICES)).map((s) => ({ name: cut(s.label), value: cut(s.text) }));
  // Two long claims may cut to the same value: keep the first.
  const seen = new Set<string>();
  return choices.filter((c) => !seen.has(c.value) && seen.add(c.value));
}
