import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A request's logger that becomes a real pino child only when something is logged. Fastify makes a
 * child per request, and a pino child with redaction costs a few percent of a verification; most
 * successful requests never log, so they should not pay for one.
 */
class RequestLogger implements FastifyBaseLogger {
  private real: FastifyBaseLogger | null = null;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** The pino child, made on first use. */
  get logger(): FastifyBaseLogger {
    this.real ??= this.parent.child(this.bindings, this.options);
    return this.real;
  }

  get level(): string {
    return this.real?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }

  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  declare silent: LogFn;
}

// The log methods live on the prototype, so that a request that never logs allocates nothing for them.
for (const level of LEVELS) {
  RequestLogger.prototype[level] = function (this: RequestLogger, ...args: Parameters<LogFn>) {
    this.logger[level](...args);
  } as LogFn;
}

/** Fastify's `childLoggerFactory`: see {@link RequestLogger}. */
export function requestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(parent, bindings, options);
}

/** The one line logged per request: the route pattern, never the URL, which may carry a key. */
export function requestLine(request: FastifyRequest, reply: FastifyReply, status: number) {
  return {
    method: request.method,
    url: request.routeOptions.url ?? 'unknown',
    status,
    ms: Math.round(reply.elapsedTime),
  };
}
