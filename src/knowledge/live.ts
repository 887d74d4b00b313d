/**
 * The knowledge base that can change under a running bot. The holder keeps one snapshot (a
 * validated base and everything built from it) and swaps it whole; every answer takes the
 * snapshot once at its start, so it finishes on the base it began with and never mixes two.
 * Owned by the composition root: no module-level state.
 */
import type { CommandContext } from '../commands/command.ts';
import type { Core } from '../core.ts';
import { SearchEngine } from '../search/engine.ts';
import { drain, inSlices } from '../slices.ts';
import type { Fact, Knowledge } from './types.ts';

export interface KnowledgeSnapshot {
  /** Counts the swaps: 1 for the base the bot started with. */
  version: number;
  knowledge: Knowledge;
  answerer: Core;
}

export interface KnowledgeChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** A fact as answers use it: where it stands in the files does not count as a change. */
const comparable = ({ origin: _origin, ...fact }: Fact) => JSON.stringify(fact);

/** Facts added, changed and removed between two bases, by id (retracted facts count as removed). */
export function diffFacts(before: Knowledge, after: Knowledge): KnowledgeChanges {
  const changes: KnowledgeChanges = { added: [], changed: [], removed: [] };
  drain(compareFacts(before, after, changes));
  return changes;
}

/** Fills `changes`, yielding after each fact compared (a large base takes a while). */
function* compareFacts(before: Knowledge, after: Knowledge, changes: KnowledgeChanges): Generator<void> {
  for (const fact of after.facts) {
    const old = before.factById.get(fact.id);
    if (!old) changes.added.push(fact.id);
    else if (old !== fact && comparable(old) !== comparable(fact)) changes.changed.push(fact.id);
    yield;
  }
  for (const fact of before.facts) if (!after.factById.has(fact.id)) changes.removed.push(fact.id);
}

/** How long a slice of a rebuild may hold the event loop: short against an answer's own time. */
const SLICE_MS = 4;

export type ReloadListener = (snapshot: KnowledgeSnapshot, changes: KnowledgeChanges) => void;

/** What the holder built for a new base between answers, for the build to use rather than build again. */
export interface Prebuilt {
  engine: SearchEngine;
}

/**
 * Makes everything answers need from one base (index, composer, digest commands). Given
 * `prebuilt`, it uses that search engine; without, it builds its own (at start-up).
 */
export type BuildCore = (knowledge: Knowledge, prebuilt?: Prebuilt) => Core;

export class KnowledgeHolder {
  private current: KnowledgeSnapshot;
  private readonly listeners = new Set<ReloadListener>();
  /** The swap in progress: swaps run one after another, so the last one asked for is the last swapped in. */
  private swapping: Promise<unknown> = Promise.resolve();

  /** Builds everything for the first base at once: nothing is answering yet. */
  constructor(
    knowledge: Knowledge,
    private readonly build: BuildCore,
  ) {
    this.current = { version: 1, knowledge, answerer: build(knowledge) };
  }

  get snapshot(): KnowledgeSnapshot {
    return this.current;
  }

  /**
   * Builds everything from the new base first, then swaps it in with one assignment, and
   * tells the listeners (caches of rendered answers, the digest). Returns what changed.
   * The search index, the costly part, is built in slices between answers: the current base
   * keeps answering, unpaused, until the swap.
   */
  swap(knowledge: Knowledge): Promise<KnowledgeChanges> {
    const swapped = this.swapping.then(() => this.buildAndSwap(knowledge));
    this.swapping = swapped.catch(() => undefined);
    return swapped;
  }

  private async buildAndSwap(knowledge: Knowledge): Promise<KnowledgeChanges> {
    const engine = await SearchEngine.build(knowledge, this.current.answerer.context.engine.english, { sliceMs: SLICE_MS });
    // Nothing but this swap replaces the current base, so the changes found now still hold at the swap.
    const changes: KnowledgeChanges = { added: [], changed: [], removed: [] };
    await inSlices(compareFacts(this.current.knowledge, knowledge, changes), SLICE_MS);
    const answerer = this.build(knowledge, { engine });
    this.current = { version: this.current.version + 1, knowledge, answerer };
    for (const listener of this.listeners) listener(this.current, changes);
    return changes;
  }

  /** Called after each swap; returns the unsubscribe. */
  onReload(listener: ReloadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * An answerer that always answers from the current base, one snapshot per answer. Its
   * `context` reads the current base on each access (suggestions, which read one field).
   */
  answerer(): Core & { readonly version: number } {
    const holder = this;
    const field = <K extends keyof CommandContext>(key: K) => ({ get: () => holder.current.answerer.context[key], enumerable: true });
    const context = Object.defineProperties({} as CommandContext, {
      knowledge: field('knowledge'),
      engine: field('engine'),
      reader: field('reader'),
      composer: field('composer'),
      lookups: field('lookups'),
      digest: field('digest'),
      commands: field('commands'),
    });
    return {
      context,
      get version() {
        return holder.current.version;
      },
      // Reading text needs no base; answering takes the snapshot once, at its start.
      parseText: (text, options) => holder.current.answerer.parseText(text, options),
      answer: (request, where) => holder.current.answerer.answer(request, where),
      answerNow: (request) => holder.current.answerer.answerNow(request),
    };
  }
}
