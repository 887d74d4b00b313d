/**
 * Every error the core throws carries a stable code and the value that caused it,
 * so callers can branch on `code` and logs show what was wrong.
 */
export type ErrorCode = 'KNOWLEDGE_INVALID' | 'KNOWLEDGE_UNREADABLE' | 'TEXTS_UNREADABLE' | 'BAD_ARGUMENT' | 'BAD_CONFIG';

export class SinorussiaError extends Error {
  readonly code: ErrorCode;
  readonly value: unknown;

  constructor(code: ErrorCode, message: string, value?: unknown, options?: { cause?: unknown }) {
    super(`sinorussia: ${message}`, options);
    this.name = 'SinorussiaError';
    this.code = code;
    this.value = value;
  }
}

/** One problem found in the knowledge base, located for the curator. */
export interface KnowledgeIssue {
  file: string;
  line: number;
  id?: string;
  message: string;
}

export function formatIssue(issue: KnowledgeIssue): string {
  const where = `${issue.file}:${issue.line}`;
  return issue.id ? `${where} [${issue.id}] ${issue.message}` : `${where} ${issue.message}`;
}

export class KnowledgeError extends SinorussiaError {
  readonly issues: KnowledgeIssue[];

  constructor(issues: KnowledgeIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super('KNOWLEDGE_INVALID', `the knowledge base is invalid: ${first ? formatIssue(first) : 'unknown issue'}${more}`, issues);
    this.name = 'KnowledgeError';
    this.issues = issues;
  }
}
