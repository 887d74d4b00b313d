/**
 * A start-up failure outside the configuration (a platform that cannot be reached): `npm start`
 * prints its message as one line and exits with 1, like a ConfigError.
 */
export class StartupError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`sinorussia: ${message}`, options);
    this.name = 'StartupError';
  }
}
