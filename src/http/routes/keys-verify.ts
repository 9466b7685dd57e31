import type { Static } from 'typebox';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { andThen } from '../../maybe-promise.js';
import type { App } from '../app-type.js';
import { readAhead } from '../read-ahead.js';
import { errorResponses } from '../schemas.js';
import { decide, mayVerify, VerifyRequest, VerifyResult } from '../verify-answer.js';

export default function verifyKey(app: App, deps: Deps): void {
  app.post(
    '/v1/keys/verify',
    {
      schema: {
        tags: ['verification'],
        summary: 'Verify a key for a service that uses Keyward as its key backend',
        description:
          "Needs `keys:verify`. Always answers 200 with a code. A verifier sees only the keys of its own organizations: any other key answers NOT_FOUND, exactly as an unknown key does. For a key with a rate limit, the answer also carries the IETF `RateLimit-Policy` and `RateLimit` header fields about the presented key's window, for the service to hand to its own client.",
        body: VerifyRequest,
        response: { 200: VerifyResult, ...errorResponses },
      },
      // A body the hot path read but left to this route is handed back here.
      preParsing: (request, _reply, payload, done) => done(null, readAhead(request.raw) ?? payload),
    },
    (request, reply) => {
      const caller = request.caller;
      if (!mayVerify(caller)) throw forbidden('The caller lacks keys:verify');
      const now = deps.clock();
      const { key, permissions } = request.body;
      // The serializer passes a written body through (src/http/serialization.ts).
      return andThen(
        andThen(deps.finder.find(key, now), (found) => decide(deps, caller, found, permissions, now)),
        (written) => {
          if (written.headers) reply.headers(written.headers);
          return written as unknown as Static<typeof VerifyResult>;
        },
      );
    },
  );
}
