import { pino, type Logger } from 'pino';
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
