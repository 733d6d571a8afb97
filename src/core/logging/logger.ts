import { type Logger, pino, symbols } from 'pino';
import type { LogLevel } from '../config/config';

export type { Logger };

/**
 * Structured JSON logs on stdout. Personal data never goes into a log line: log ids, not names.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'social-crm-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', '*.password', 'password'],
      censor: '[redacted]',
    },
  });
}

/**
 * Writes text to the logs' own stream, after every line logged before it. Lines go out through
 * pino's asynchronous stream, and a separate process.stdout.write can overtake them (its
 * `flush(cb)` calls back at once while writes are pending, so waiting on it does not help).
 */
export function writeAfterLogs(logger: Logger, text: string): void {
  const stream = (
    logger as unknown as Record<symbol, { write(text: string): unknown } | undefined>
  )[symbols.streamSym];
  if (stream === undefined) process.stdout.write(text);
  else stream.write(text);
}
