import pino, { type Logger } from 'pino';

/** Paths that could carry a secret. Request logs never include bodies, and headers only redacted. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["x-keyward-csrf"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'headers["x-keyward-csrf"]',
  'headers["set-cookie"]',
  '*.password',
  '*.apiKey',
  '*.refreshToken',
  '*.accessToken',
];

/** The part of a logger that background writers need: somewhere to report a failed flush. */
export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
