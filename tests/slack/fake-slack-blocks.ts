/**
 * What the fake Slack checks in a message's blocks before it accepts it, as Slack does:
 * at most 50 blocks, and every `data_visualization` block within its documented limits
 * (https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block): at most two a
 * message, a title of 1 to 50 characters, a bar, line, area or pie chart whose series hold
 * numbers. Slack answers a message that breaks them with `invalid_blocks`.
 */

export const MAX_BLOCKS = 50;
const CHART_LIMITS = { perMessage: 2, title: 50, category: 20, seriesName: 20, pointsPerSeries: 20 } as const;
const CHART_TYPES = new Set(['bar', 'line', 'area', 'pie']);

interface ChartBlock {
  type: 'data_visualization';
  title?: unknown;
  chart?: { type?: unknown; series?: { name?: unknown; data?: { label?: unknown; value?: unknown }[] }[] };
}

const isChart = (block: unknown): block is ChartBlock => (block as { type?: unknown } | null)?.type === 'data_visualization';
const text = (value: unknown, max: number) => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Why one chart block is refused, or undefined when Slack would draw it. */
function chartProblem(block: ChartBlock): string | undefined {
  if (!text(block.title, CHART_LIMITS.title)) return `title must be 1 to ${CHART_LIMITS.title} characters`;
  if (!CHART_TYPES.has(String(block.chart?.type))) return `chart.type ${String(block.chart?.type)} is not one Slack draws`;
  const series = block.chart?.series;
  if (!Array.isArray(series) || series.length === 0) return 'chart.series is empty';
  for (const s of series) {
    if (!text(s.name, CHART_LIMITS.seriesName)) return 'a series name must be 1 to 20 characters';
    if (!Array.isArray(s.data) || s.data.length === 0 || s.data.length > CHART_LIMITS.pointsPerSeries)
      return `a series holds 1 to ${CHART_LIMITS.pointsPerSeries} points`;
    for (const d of s.data) {
      if (!text(d.label, CHART_LIMITS.category)) return `a point's label must be 1 to ${CHART_LIMITS.category} characters`;
      if (typeof d.value !== 'number' || !Number.isFinite(d.value)) return `a point's value must be a number, not ${String(d.value)}`;
    }
  }
  return undefined;
}

/** Why Slack would refuse these blocks (`invalid_blocks`), or undefined when it takes them. */
export function blocksProblem(blocks: unknown): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'blocks is not a list';
  if (blocks.length > MAX_BLOCKS) return `${blocks.length} blocks, over ${MAX_BLOCKS}`;
  const charts = blocks.filter(isChart);
  if (charts.length > CHART_LIMITS.perMessage) return `${charts.length} data_visualization blocks, over ${CHART_LIMITS.perMessage}`;
  for (const chart of charts) {
    const problem = chartProblem(chart);
    if (problem) return `data_visualization: ${problem}`;
  }
  return undefined;
}
