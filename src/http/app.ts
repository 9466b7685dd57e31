import { createServer, type ServerOptions } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest, LogController, type onRequestHookHandler } from 'fastify';
import { Type } from 'typebox';
import type { Caller } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { KeywardError } from '../errors.js';
import { requestIds } from '../keys/ids.js';
import { andThen, type MaybePromise } from '../maybe-promise.js';
import type { App } from './app-type.js';
import { authenticate, recheckCaller } from './authenticate.js';
import { limitConnectionsPerAddress } from './connection-limit.js';
import { registerConsolePages } from './console-pages.js';
import { answerClientError, answerExpectation, errorHandler, sendError, toKeywardError } from './errors.js';
import { hotPath } from './hot-path.js';
import { openapiOptions } from './openapi.js';
import { wasReadAhead } from './read-ahead.js';
import { requestLine, requestLogger } from './request-logger.js';
import { registerRoutes } from './routes/index.js';
import { Closed, ErrorBody } from './schemas.js';
import { DOCS_CSP, SECURITY_HEADERS } from './security-headers.js';
import { schemaController } from './serialization.js';
import { validatorCompiler } from './validation.js';

// The app's type lives in app-type.ts; whoever builds the app takes it from here too.
export type { App };

/** The options, defaults filled in, that Fastify hands a server factory and would set on its own server. */
interface ResolvedServerOptions {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
}

/**
 * A callback hook around a step that answers now or later: a request the step answers from memory
 * passes through without a promise, which is a measurable share of a verification (BENCHMARKS.md).
 */
function callbackHook(step: (request: FastifyRequest) => MaybePromise<void>): onRequestHookHandler {
  return (request, _reply, done) => {
    let settled: MaybePromise<void>;
    try {
      settled = step(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (settled instanceof Promise) settled.then(() => done(), done);
    else done();
  };
}

/** One object for every route without query parameters, so that Ajv compiles it once. */
const NO_QUERY = Type.Object({}, Closed);

/** The route label of a request that matched no route: never its URL, which may hold anything. */
const UNMATCHED = 'unmatched';

/**
 * Builds the Keyward app over its dependencies without opening a port: `keyward serve` listens, tests
 * use `app.inject()`.
 */
export async function buildApp(deps: Deps): Promise<App> {
  const nextId = requestIds();
  let closing = false;
  // Successful requests are logged at debug: by an onResponse hook (below), and by the hot path itself.
  const debug = deps.logger.level === 'debug' || deps.logger.level === 'trace';
  const app = Fastify({
    loggerInstance: deps.logger,
    // Request lines come from the onResponse hook below, not from Fastify's two per request.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: nextId,
    // The server Fastify would make, with the hot path in front of Fastify's own handler.
    serverFactory: (handler, options) => {
      const resolved = options as unknown as ResolvedServerOptions;
      const context = { deps, nextId, closing: () => closing, bodyLimit: deps.config.bodyLimit, debug };
      const server = createServer(
        {
          ...resolved.http,
          // Node checks the header and request timeouts this often: every 30 s by default, which let a
          // slow client hold a connection up to 30 s past them.
          connectionsCheckingInterval: 1000,
        },
        deps.config.hotPath ? hotPath(context, handler) : handler,
      );
      server.on('checkExpectation', answerExpectation);
      limitConnectionsPerAddress(server, deps.config.maxConnectionsPerAddress, deps.config.trustedProxies);
      server.keepAliveTimeout = resolved.keepAliveTimeout;
      server.headersTimeout = Math.min(deps.config.headersTimeoutMs, deps.config.requestTimeoutMs);
      server.requestTimeout = resolved.requestTimeout;
      server.setTimeout(resolved.connectionTimeout);
      return server;
    },
    childLoggerFactory: requestLogger,
    schemaController,
    requestIdHeader: false,
    // Only the configured proxies' X-Forwarded-For is believed; anyone else could write any address there.
    trustProxy: deps.config.trustedProxies.length > 0 ? [...deps.config.trustedProxies] : false,
    bodyLimit: deps.config.bodyLimit,
    requestTimeout: deps.config.requestTimeoutMs,
    // Requests that arrive while closing get the Keyward 503 from the onRequest hook, not Fastify's own.
    return503OnClosing: false,
    routerOptions: { maxParamLength: 200 },
    // Errors before routing (a malformed URL) go through the same shape and headers as every other.
    frameworkErrors: (error, request, reply) => {
      reply.headers(SECURITY_HEADERS);
      reply.header('x-request-id', request.id);
      return sendError(toKeywardError(error), request, reply);
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.setValidatorCompiler(validatorCompiler);
  // The API speaks JSON only: text/plain gets 415 like any other content type.
  app.removeContentTypeParser('text/plain');
  // Many HTTP libraries send `content-type: application/json` with every request, bodyless or not. A
  // route that takes no body answers such a request as it answers one without the header; a route that
  // takes one still refuses an empty JSON body.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.routeOptions.schema?.body === undefined) done(null, undefined);
    else parseJson(request, body as string, done);
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendError(
      // The path is not echoed: a caller may have put a key in it.
      new KeywardError('NOT_FOUND', `No route matches this ${request.method} request`),
      request,
      reply,
    ),
  );
  app.addSchema(ErrorBody);
  app.decorateRequest('caller', null as unknown as Caller);
  app.decorateRequest('consoleSession', null);

  await app.register(swagger, openapiOptions);
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list' },
    staticCSP: false,
    uiHooks: {
      onRequest: (_request, reply, done) => {
        reply.header('content-security-policy', DOCS_CSP);
        done();
      },
    },
  });

  // Callback hooks rather than async ones: a request authenticated from memory passes through without
  // a promise, which is a measurable share of a verification (BENCHMARKS.md).
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', request.id);
    // A request the hot path began to read before the close is in flight, not new.
    if (closing && !wasReadAhead(request.raw)) {
      // An answer, not a failure: sent here rather than thrown, so that the log holds a request line
      // and no error with a stack for each request that arrives during a shutdown.
      reply.header('connection', 'close');
      sendError(
        new KeywardError('UNAVAILABLE', 'The server is shutting down; retry on another instance or shortly'),
        request,
        reply,
      );
      return;
    }
    done();
  });

  /** Runs first on every route that is not public; it is attached per route by the onRoute hook below. */
  const authenticated = callbackHook((request) =>
    andThen(authenticate(deps, request), (caller) => {
      request.caller = caller;
    }),
  );
  /** Runs last before the handler on every route that authenticates: see `recheckCaller`. */
  const rechecked = callbackHook((request) => recheckCaller(deps, request));

  // Every answer is counted by route and status; failed requests are logged at info by `sendError`, which
  // every error answer goes through, and successful ones only at debug, so that the verification path
  // pays nothing for logging in production. The hot path counts (and logs) its own answers.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    deps.metrics.requests.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (debug && reply.statusCode < 400)
      request.log.debug(requestLine(request, reply, reply.statusCode), 'request');
    done();
  });

  app.addHook('onRoute', (route) => {
    // Unknown query parameters are refused everywhere in the API, as unknown body fields are, so that a
    // mistyped filter fails loudly instead of silently matching everything.
    if (route.url.startsWith('/v1/') && !route.schema?.querystring) {
      route.schema = { ...route.schema, querystring: NO_QUERY };
    }
    // Every route authenticates unless it is marked public (the console's pages are); the docs pages are
    // the only other exception.
    if (!route.config?.public && !route.url.startsWith('/docs')) {
      route.onRequest = [authenticated, ...[route.onRequest ?? []].flat()];
      route.preHandler = [...[route.preHandler ?? []].flat(), rechecked];
    }
  });
  registerRoutes(app, deps);
  registerConsolePages(app);
  return app;
}
