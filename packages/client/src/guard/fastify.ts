import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Guard, permissionList } from './guard.js';
import type { GuardOptions, Outcome, VerifiedKey } from './types.js';

export type { GuardOptions, VerifiedKey } from './types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified key, on the routes that `requirePermissions` protects. */
    keyward?: VerifiedKey;
  }
}

/**
 * A route's `preHandler`: it answers `401`, `403`, `429` or `503` itself, or lets the request through.
 * A callback hook rather than an async one, so that a key answered from the cache passes without a
 * promise (BENCHMARKS.md, "Middleware in the user's own API").
 */
export type KeywardPreHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void;

export interface FastifyKeyward {
  /** A `preHandler` that lets through only a valid key holding every permission named. */
  requirePermissions(...permissions: string[]): KeywardPreHandler;
  /** Ends the revocation stream, for a clean shutdown (`app.addHook('onClose', () => auth.close())`). */
  close(): Promise<void>;
}

/**
 * Keyward's key verification for Fastify routes.
 *
 * @example
 * const auth = keyward({ url: 'http://127.0.0.1:7373', key: process.env.KEYWARD_KEY });
 * app.get('/documents', { preHandler: auth.requirePermissions('documents:read') }, async (request) => request.keyward);
 */
export function keyward(options: GuardOptions): FastifyKeyward {
  const guard = new Guard(options);
  return {
    requirePermissions(...permissions) {
      const wanted = permissionList(permissions);
      return (request, reply, done) => {
        const outcome = guard.check(
          {
            header: (name) => request.headers[name] as string | undefined,
            rawHeaders: request.raw.rawHeaders,
          },
          wanted,
        );
        if (outcome instanceof Promise) outcome.then((known) => settle(known, request, reply, done), done);
        else settle(outcome, request, reply, done);
      };
    },
    close: () => guard.close(),
  };
}

/** Answers a refused request, or puts the key on the request and lets it through to the handler. */
function settle(
  outcome: Outcome,
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  // Most answers carry no header, and this runs on every request: no key array for an empty object.
  for (const name in outcome.headers) reply.header(name, outcome.headers[name]);
  // A callback hook that answers does not call `done`: the reply is sent, and the handler skipped.
  if (!outcome.ok) {
    reply.code(outcome.status).send(outcome.body);
    return;
  }
  request.keyward = outcome.key;
  done();
}
