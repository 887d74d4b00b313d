import { SinorussiaError } from './errors.ts';

/** A missing or malformed setting: start-up stops with this one line, naming the variable. */
export class ConfigError extends SinorussiaError {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super('BAD_CONFIG', `${variable} ${problem}`, variable);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
