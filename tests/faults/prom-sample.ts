/** The value of one sample in a Prometheus text scrape, 0 when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => (match[2] ?? '').includes(`${k}="${v}"`))) return Number(match[3]);
  }
  return 0;
}

export const scrape = async (port: unknown) => (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();

export const outbound = (text: string, platform: string, code: string) =>
  sample(text, 'sinorussia_outbound_errors_total', { platform, code });
