/**
 * Where the bot keeps its digest in a scenario: `npm start`'s default SQLite file under
 * DATA_DIR always, and a real PostgreSQL server (DATABASE_URL) when TEST_DATABASE_URL is set:
 * a database of the scenario's own, created first and dropped after, so runs never meet.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface ScenarioStore {
  name: string;
  /** The store's variables for the bot's environment; none means the driver's own DATA_DIR. */
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

const sqlite = (): ScenarioStore => ({ name: 'SQLite under DATA_DIR', env: async () => ({}), cleanup: async () => undefined });

function postgresql(url: string): ScenarioStore {
  const name = `scenarios_${randomUUID().replaceAll('-', '')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let created = false;
  return {
    name: 'PostgreSQL',
    env: async () => {
      await admin(`create database ${name}`);
      created = true;
      const own = new URL(url);
      own.pathname = `/${name}`;
      return { DATABASE_URL: own.href };
    },
    cleanup: async () => {
      if (created) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const STORES: { name: string; create: () => ScenarioStore }[] = [
  { name: 'SQLite under DATA_DIR', create: sqlite },
  ...(TEST_DATABASE_URL ? [{ name: 'PostgreSQL', create: () => postgresql(TEST_DATABASE_URL) }] : []),
];
