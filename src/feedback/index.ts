/** Readers' feedback: votes on answers, unanswered questions, the curators' report. */
export * from './types.ts';
export { normaliseQuestion, withoutMentions, EDGE_STOP_WORDS } from './normalise.ts';
export { userHasher, MIN_KEY_LENGTH, type UserHasher } from './hash.ts';
export { answerIdOf, factIdsOf, feedbackTarget, encodeTarget, decodeTarget } from './target.ts';
export { parseReason } from './reason.ts';
export { createFeedbackRecorder, feedbackOff, recordIfUnanswered } from './recorder.ts';
export { MemoryFeedbackStore } from './memory-store.ts';
export { createRetention, DAY_MS, type Retention } from './retention.ts';
export { buildReport, formatReport, reportFromStore, type FeedbackReport, type ReportAnswer, type ReportFact, type ReportQuestion, type ReportTopic } from './report.ts';
