/**
 * Reading option values, one reader per option: the same checks whether the value came as a
 * word of typed text or in a platform's named option. A bad value is a problem naming the
 * option and saying what is accepted, never an exception.
 */

import { formatTime, looksLikeTime, looksLikeZone, parseTime, parseZone, TIME_FORMS, ZONE_FORMS } from '../digest/schedule.ts';
import { SinorussiaError } from '../errors.ts';
import { TOPIC_NAMES, type Topic } from '../knowledge/topics.ts';
import type { OptionName, OptionProblem, RequestOptions } from './request.ts';
import { matchTopic } from './topic-match.ts';

export type OptionResult<K extends OptionName> = { value: NonNullable<RequestOptions[K]> } | { problem: OptionProblem };

const messageOf = (e: unknown) => (e instanceof Error ? e.message.replace(/^sinorussia: /, '') : String(e));

function problem(option: OptionName, value: string, message: string): { problem: OptionProblem } {
  return { problem: { option, value, message } };
}

/** `Berlin` for `Europe/Berlin`: the zones whose city is what was typed. */
function zonesNamed(city: string): string[] {
  const wanted = city.trim().toLowerCase().replace(/\s+/g, '_');
  return Intl.supportedValuesOf('timeZone').filter((z) => z.slice(z.lastIndexOf('/') + 1).toLowerCase() === wanted);
}

export function readTopic(text: string): OptionResult<'topic'> {
  const topic = matchTopic(text.replace(/[?!.,]+$/, ''));
  return topic ? { value: topic } : problem('topic', text, `"${text}" is not a topic: topics are ${TOPIC_NAMES.join(', ')}`);
}

export function readTime(text: string): OptionResult<'time'> {
  try {
    return { value: formatTime(parseTime(text)) };
  } catch (e) {
    return problem('time', text, messageOf(e));
  }
}

export function readZone(text: string): OptionResult<'zone'> {
  try {
    return { value: parseZone(text) };
  } catch (e) {
    const named = looksLikeZone(text) ? [] : zonesNamed(text);
    if (named.length > 0) return problem('zone', text, `"${text}" is not a time zone: did you mean ${named.slice(0, 3).join(' or ')}?`);
    return problem('zone', text, e instanceof SinorussiaError ? messageOf(e) : `"${text}" is not a time zone: use ${ZONE_FORMS}`);
  }
}

export function readTopics(text: string): OptionResult<'topics'> {
  const topics: Topic[] = [];
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const topic = matchTopic(word);
    if (!topic) return problem('topics', word, `"${word}" is not a topic: topics are ${TOPIC_NAMES.join(', ')}`);
    if (!topics.includes(topic)) topics.push(topic);
  }
  return { value: topics };
}

/** One named option's value, as a platform with named options (Discord) gives it. */
export function readOption(name: OptionName, text: string): OptionResult<OptionName> {
  switch (name) {
    case 'question':
    case 'text':
      return { value: text.trim() };
    case 'topic':
      return readTopic(text.trim());
    case 'time':
      return readTime(text.trim());
    case 'zone':
      return readZone(text.trim());
    case 'topics':
      return readTopics(text);
  }
}

/**
 * `[HH:MM] [Area/City] [topics…]` typed as words in any order: each word is taken by what it
 * looks like, so a bad time is reported as a time, not as an unknown topic.
 */
export function readSettingWords(words: string[]): { options: RequestOptions; problem?: OptionProblem } {
  const options: RequestOptions = {};
  const topics: Topic[] = [];
  for (const word of words) {
    if (looksLikeTime(word)) {
      if (options.time)
        return {
          options,
          problem: { option: 'time', value: word, message: `two times given ("${options.time}", "${word}"): give one, ${TIME_FORMS}` },
        };
      const time = readTime(word);
      if ('problem' in time) return { options, problem: time.problem };
      options.time = time.value;
    } else if (looksLikeZone(word)) {
      if (options.zone)
        return {
          options,
          problem: { option: 'zone', value: word, message: `two time zones given ("${options.zone}", "${word}"): give one, ${ZONE_FORMS}` },
        };
      const zone = readZone(word);
      if ('problem' in zone) return { options, problem: zone.problem };
      options.zone = zone.value;
    } else {
      const topic = matchTopic(word.replace(/,$/, ''));
      if (!topic)
        return {
          options,
          problem: {
            option: 'topics',
            value: word,
            message: `"${word}" is not a topic, time or time zone: topics are ${TOPIC_NAMES.join(', ')}`,
          },
        };
      if (!topics.includes(topic)) topics.push(topic);
    }
  }
  if (topics.length > 0) options.topics = topics;
  return { options };
}
