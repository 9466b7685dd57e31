import type { MiddlewareHandler } from 'hono';
import { Guard, permissionList } from './guard.js';
import type { GuardOptions, VerifiedKey } from './types.js';

export type { GuardOptions, VerifiedKey } from './types.js';

/** The context variables a protected route reads: `c.get('keyward')`. */
export interface KeywardEnv {
  Variables: { keyward: VerifiedKey };
}

export interface HonoKeyward {
  /** A middleware that lets through only a valid key holding every permission named. */
  requirePermissions(...permissions: string[]): MiddlewareHandler<KeywardEnv>;
  /** Ends the revocation stream, for a clean shutdown. */
  close(): Promise<void>;
}

/**
 * Keyward's key verification for Hono routes. Node's raw header list is read where the app runs on
 * `@hono/node-server`; elsewhere a repeated header shows as the comma that joins its values.
 *
 * @example
 * const auth = keyward({ url: 'http://127.0.0.1:7373', key: process.env.KEYWARD_KEY });
 * app.get('/documents', auth.requirePermissions('documents:read'), (c) => c.json(c.get('keyward')));
 */
export function keyward(options: GuardOptions): HonoKeyward {
  const guard = new Guard(options);
  return {
    requirePermissions(...permissions) {
      const wanted = permissionList(permissions);
      return async (c, next) => {
        const incoming = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming;
        const outcome = await guard.check(
          { header: (name) => c.req.header(name), rawHeaders: incoming?.rawHeaders },
          wanted,
        );
        if (!outcome.ok) return c.json(outcome.body, outcome.status, outcome.headers);
        for (const [name, value] of Object.entries(outcome.headers)) c.header(name, value);
        c.set('keyward', outcome.key);
        await next();
      };
    },
    close: () => guard.close(),
  };
}
