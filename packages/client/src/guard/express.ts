import type { RequestHandler } from 'express';
import { Guard, permissionList } from './guard.js';
import type { GuardOptions, Outcome, VerifiedKey } from './types.js';

export type { GuardOptions, VerifiedKey } from './types.js';

declare global {
  namespace Express {
    interface Request {
      /** The verified key, on the routes that `requirePermissions` protects. */
      keyward?: VerifiedKey;
    }
  }
}

export interface ExpressKeyward {
  /** A middleware that lets through only a valid key holding every permission named. */
  requirePermissions(...permissions: string[]): RequestHandler;
  /** Ends the revocation stream, for a clean shutdown. */
  close(): Promise<void>;
}

/**
 * Keyward's key verification for Express routes.
 *
 * @example
 * const auth = keyward({ url: 'http://127.0.0.1:7373', key: process.env.KEYWARD_KEY });
 * app.get('/documents', auth.requirePermissions('documents:read'), (req, res) => res.json(req.keyward));
 */
export function keyward(options: GuardOptions): ExpressKeyward {
  const guard = new Guard(options);
  return {
    requirePermissions(...permissions) {
      const wanted = permissionList(permissions);
      return (req, res, next) => {
        const settle = (outcome: Outcome) => {
          res.set(outcome.headers);
          if (!outcome.ok) {
            res.status(outcome.status).json(outcome.body);
            return;
          }
          req.keyward = outcome.key;
          next();
        };
        const outcome = guard.check({ header: (name) => req.get(name), rawHeaders: req.rawHeaders }, wanted);
        if (outcome instanceof Promise) outcome.then(settle, next);
        else settle(outcome);
      };
    },
    close: () => guard.close(),
  };
}
