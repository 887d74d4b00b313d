/**
 * Keeps the running bot's knowledge current: watches the knowledge folder (and the texts
 * folder, when quotes are checked), re-validates the whole base after a burst of changes,
 * and swaps it into the holder. A base that fails is not loaded: the last good one keeps
 * answering and each problem is logged once, until it changes. `reload()` is what SIGHUP calls.
 */
import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, KnowledgeError, type KnowledgeIssue } from '../src/errors.ts';
import type { KnowledgeChanges, KnowledgeHolder } from '../src/knowledge/live.ts';
import type { Knowledge } from '../src/knowledge/types.ts';
import type { Logger } from '../src/log.ts';

export interface ReloadDeps {
  holder: KnowledgeHolder;
  /** Reads and validates the whole base (with the quote check when texts are set); throws on a bad one. */
  load: () => Knowledge | Promise<Knowledge>;
  /** The knowledge folder: its YAML files and facts/ are watched. */
  dir: string;
  textsDir?: string;
  logger: Logger;
  /** Told each reload's outcome (metrics). */
  observe?: (outcome: 'success' | 'failure', knowledge?: Knowledge) => void;
  /** Quiet time after the last change before reloading: an editor's save is several events. */
  debounceMs?: number;
}

export type ReloadOutcome = { ok: true; version: number } | { ok: false; issues: number };

export interface KnowledgeReloader {
  /** Reloads now (after any reload in progress); `reason` is logged. */
  reload(reason: string): Promise<ReloadOutcome>;
  close(): void;
}

const IGNORED_NAMES = new Set(['drafts', 'drafting.yaml', '4913']);

/** Files that never change answers: drafts, editors' swap and backup files, half-written temp files. */
export function ignoredChange(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return IGNORED_NAMES.has(base) || base.startsWith('.') || base.endsWith('~') || base.endsWith('.tmp') || /\.sw[a-p]$/.test(base);
}

const isYaml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');
const issueKey = (issue: KnowledgeIssue) => formatIssue(issue);

export function watchKnowledge(deps: ReloadDeps): KnowledgeReloader {
  const { holder, logger, dir } = deps;
  const debounceMs = deps.debounceMs ?? 250;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ReloadOutcome> | undefined;
  let again: string | undefined;
  let closed = false;
  /** Problems already logged: a further save with the same problem is not logged again. */
  let logged = new Set<string>();
  const watchers = new Map<string, FSWatcher>();

  async function reloadOnce(reason: string): Promise<ReloadOutcome> {
    const started = performance.now();
    arm();
    let knowledge: Knowledge;
    let changes: KnowledgeChanges;
    try {
      knowledge = await deps.load();
      // Answers go on, from the last base, while the new one is indexed.
      changes = await holder.swap(knowledge);
    } catch (error) {
      const issues = error instanceof KnowledgeError ? error.issues : [{ file: dir, line: 1, message: (error as Error).message }];
      const now = new Set(issues.map(issueKey));
      const fresh = issues.filter((i) => !logged.has(issueKey(i)));
      if (fresh.length > 0) {
        logger.error('knowledge reload failed: still answering from the last good base', {
          reason,
          version: holder.snapshot.version,
          issues: fresh.map((i) => ({ file: i.file, line: i.line, ...(i.id ? { id: i.id } : {}), message: i.message })),
        });
      }
      logged = now;
      deps.observe?.('failure');
      return { ok: false, issues: issues.length };
    }
    logged = new Set();
    deps.observe?.('success', knowledge);
    const few = (ids: string[]) => (ids.length > 20 ? [...ids.slice(0, 20), `… ${ids.length - 20} more`] : ids);
    logger.info('knowledge reloaded', {
      reason,
      version: holder.snapshot.version,
      facts: knowledge.facts.length,
      added: few(changes.added),
      changed: few(changes.changed),
      removed: few(changes.removed),
      ms: Math.round(performance.now() - started),
    });
    return { ok: true, version: holder.snapshot.version };
  }

  function reload(reason: string): Promise<ReloadOutcome> {
    if (running !== undefined) {
      again = reason;
      return running.then(() => running ?? reload(reason));
    }
    running = reloadOnce(reason).finally(() => {
      running = undefined;
      if (again && !closed) {
        const next = again;
        again = undefined;
        void reload(next);
      }
    });
    return running;
  }

  const schedule = (what: string) => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(`changed: ${what}`), debounceMs);
  };

  /** Watches one folder (not recursively: the loader reads a fixed, flat layout). */
  function watchFolder(path: string, relevant: (name: string) => boolean) {
    if (closed || watchers.has(path)) return;
    try {
      const watcher = watch(path, { persistent: false }, (_event, name) => {
        const file = name?.toString();
        if (!file || ignoredChange(file) || !relevant(file)) return;
        // facts/ itself was replaced (renamed, restored): watch the new folder after the reload.
        if (path === dir && file === 'facts') forget(join(dir, 'facts'));
        schedule(file);
      });
      watcher.on('error', () => {
        // The folder went away (renamed, replaced): watch it again at the next reload.
        forget(path);
        schedule(path);
      });
      watchers.set(path, watcher);
    } catch (error) {
      logger.warn('knowledge: cannot watch a folder; SIGHUP still reloads', { path, error: (error as Error).message });
    }
  }

  function forget(path: string) {
    watchers.get(path)?.close();
    watchers.delete(path);
  }

  function arm() {
    watchFolder(dir, (name) => name === 'facts' || isYaml(name));
    watchFolder(join(dir, 'facts'), isYaml);
    if (deps.textsDir) watchFolder(deps.textsDir, () => true);
  }

  arm();
  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
