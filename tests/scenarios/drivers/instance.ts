/**
 * The one place the scenarios depend on how the bot is started: tests/e2e/support.ts's
 * `startInstance`, which wires the bot as `npm start` does. Everything else in the drivers
 * talks to the fakes only.
 */
import type { RunningSlack } from '../../../adapters/slack/app.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../../e2e/support.ts';

export { FakeClock, type Instance, tempDataDir };

export const launch = (env: Record<string, string>, clock: FakeClock): Promise<Instance> => startInstance(env, clock);

/** Where a Slack app in HTTP mode listens (PORT=0 picks a free one). */
export function slackPort(instance: Instance): number {
  const port = (instance.adapters[0]?.running as RunningSlack | undefined)?.port;
  if (port === undefined) throw new Error('the Slack app has no HTTP port (is it in Socket Mode?)');
  return port;
}

/**
 * Makes every method of the instance's digest store throw, as a store that lost its database
 * would; returns what puts them back. The digest commands hold this very object.
 */
export function breakStore(instance: Instance): () => void {
  const store = instance.store as unknown as Record<string, unknown>;
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(store); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor' && typeof store[name] === 'function') names.add(name);
  }
  for (const name of Object.keys(store)) if (typeof store[name] === 'function') names.add(name);
  const had = new Map([...names].map((name) => [name, Object.hasOwn(store, name) ? store[name] : undefined]));
  for (const name of names) {
    store[name] = () => {
      throw new Error(`the digest store is broken (${name})`);
    };
  }
  return () => {
    for (const [name, own] of had) {
      if (own === undefined) delete store[name];
      else store[name] = own;
    }
  };
}
