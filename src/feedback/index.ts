/** Readers' feedback: votes on answers, unanswered questions, the curators' report. */

export { MIN_KEY_LENGTH, type UserHasher, userHasher } from './hash.ts';
export { MemoryFeedbackStore } from './memory-store.ts';
export { EDGE_STOP_WORDS, normaliseQuestion, withoutMentions } from './normalise.ts';
export { parseReason } from './reason.ts';
export { createFeedbackRecorder, feedbackOff, recordIfUnanswered } from './recorder.ts';
export {
  buildReport,
  type FeedbackReport,
  formatReport,
  type ReportAnswer,
  type ReportFact,
  type ReportQuestion,
  type ReportTopic,
  reportFromStore,
} from './report.ts';
export { createRetention, DAY_MS, type Retention } from './retention.ts';
export { answerIdOf, type DigestPostRef, decodeTarget, digestTarget, encodeTarget, factIdsOf, feedbackTarget } from './target.ts';
export * from './types.ts';
