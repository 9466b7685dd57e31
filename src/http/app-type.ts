import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Caller } from '../auth/caller.js';
import type { ConsoleSession } from '../auth/sessions.js';

// The app's type apart from buildApp (src/http/app.ts): every route takes it, and buildApp registers every
// route, so with both in one module each route would be part of an import cycle.

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
    /** The console session the request authenticated with (its cookie); null for every other credential. */
    consoleSession: ConsoleSession | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without credentials: health, metrics, docs, the console's pages, and sign-in. */
    public?: boolean;
  }
}

export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
