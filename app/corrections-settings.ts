import { ConfigError } from '../src/config-error.ts';

export interface CorrectionsSettings {
  /** CORRECTIONS=off: nothing is recorded and no correction is sent. */
  enabled: boolean;
  /** POSTS_RETENTION_DAYS: recorded posts older than this are deleted (default 180). */
  retentionDays: number;
}

export const DEFAULT_POSTS_RETENTION_DAYS = 180;

export function readCorrectionsSettings(env: Record<string, string | undefined>): CorrectionsSettings {
  const switchValue = env.CORRECTIONS?.trim().toLowerCase() || 'on';
  if (switchValue !== 'on' && switchValue !== 'off')
    throw new ConfigError('CORRECTIONS', `must be "on" or "off" (got "${switchValue.slice(0, 40)}")`);
  const raw = env.POSTS_RETENTION_DAYS?.trim();
  if (raw && (!/^\d+$/.test(raw) || Number(raw) < 1))
    throw new ConfigError('POSTS_RETENTION_DAYS', `must be a whole number of days, at least 1 (got "${raw.slice(0, 40)}")`);
  return { enabled: switchValue === 'on', retentionDays: raw ? Number(raw) : DEFAULT_POSTS_RETENTION_DAYS };
}
