/**
 * Narrowing an answer's items in tests: each helper fails the test, naming the kind it got,
 * when an item is not the kind the test expects.
 */
import { expect } from 'vitest';
import type { AnswerItem, ComposedItem, ConflictItem, FactItem, GuideItem } from '../../src/answer/types.ts';

export function asFact(item: AnswerItem | undefined): FactItem {
  expect(item?.type).toBe('fact');
  return item as FactItem;
}

export function asConflict(item: AnswerItem | undefined): ConflictItem {
  expect(item?.type).toBe('conflict');
  return item as ConflictItem;
}

export function asGuide(item: AnswerItem | undefined): GuideItem {
  expect(item?.type).toBe('guide');
  return item as GuideItem;
}

/** Items that cite the base (facts and conflicts): an answer to a question or a topic holds no guidance. */
export function cited(items: AnswerItem[]): ComposedItem[] {
  expect(items.map((i) => i.type)).not.toContain('guide');
  return items as ComposedItem[];
}

/** The commands an answer's guidance lines describe, in order. */
export function commandsOf(items: AnswerItem[]): GuideItem['command'][] {
  return items.filter((i) => i.type === 'guide').map((i) => i.command);
}
