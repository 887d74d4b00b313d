import { topicLines } from '../answer/guide.ts';
import type { AnswerItem } from '../answer/types.ts';
import type { Topic } from '../knowledge/topics.ts';
import type { Fact, Knowledge } from '../knowledge/types.ts';

/**
 * What commands derive from one (immutable) base and keep: a large base makes these costly to
 * recompute per request. Owned by the core built over that base, so a reload drops them with it.
 */
export class BaseLookups {
  private figuresByTopic = new Map<Topic, Fact[]>();
  private figuresByMeasure?: Map<string, Fact[]>;
  private lines?: AnswerItem[];
  private dates?: string;

  constructor(private readonly knowledge: Knowledge) {}

  /** A topic's facts stating a figure, oldest first. */
  topicFigures(topic: Topic): Fact[] {
    let facts = this.figuresByTopic.get(topic);
    if (!facts) {
      facts = this.knowledge.facts
        .filter((f) => f.topics.includes(topic) && f.figure)
        .sort((a, b) => a.about.start.localeCompare(b.about.start));
      this.figuresByTopic.set(topic, facts);
    }
    return facts;
  }

  /** Facts stating a figure of one measure. */
  measureFigures(measure: string): Fact[] {
    if (!this.figuresByMeasure) {
      const map = new Map<string, Fact[]>();
      for (const f of this.knowledge.facts) if (f.figure) map.set(f.figure.measure, [...(map.get(f.figure.measure) ?? []), f]);
      this.figuresByMeasure = map;
    }
    return this.figuresByMeasure.get(measure) ?? [];
  }

  /** The span of the sources' publication dates ("2019 to 2023"): how far the base's knowledge reaches. */
  sourceDates(): string {
    if (this.dates === undefined) {
      // From the ISO days, not the labels: a label may be a range or "about 2019".
      const published = [...this.knowledge.sources.values()].map((s) => s.published);
      const first = published.map((p) => p.start.slice(0, 4)).sort()[0];
      const last = published
        .map((p) => p.end.slice(0, 4))
        .sort()
        .at(-1);
      this.dates = !first ? 'none' : first === last ? first : `${first} to ${last}`;
    }
    return this.dates;
  }

  /** One guide line per topic with what it covers and how many facts it has (every "no match" shows them). */
  topicLines(): AnswerItem[] {
    return (this.lines ??= topicLines(this.knowledge));
  }
}
