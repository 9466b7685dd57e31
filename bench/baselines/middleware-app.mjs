import { keyward } from '@keyward/client/fastify';
import Fastify from 'fastify';

/**
 * The user's own API of the middleware bench (bench/middleware.ts): `GET /documents`, answering the same
 * small JSON in each of three modes (BENCH_MODE). `open`: no protection. `guarded`: the middleware's
 * `preHandler`, as README.md's "Protect your API" shows it. `per-request`: the handler asks Keyward's
 * `POST /v1/keys/verify` on every request with Node's `fetch` (undici, keep-alive), as a service without
 * the middleware's cache would. KEYWARD_URL and KEYWARD_KEY are Keyward and the service's own key.
 */
const DOCUMENTS = {
  documents: [
    { id: 'doc_1', title: 'Quarterly report' },
    { id: 'doc_2', title: 'Roadmap' },
  ],
};
const mode = process.env.BENCH_MODE;
const url = process.env.KEYWARD_URL;
const key = process.env.KEYWARD_KEY;

const app = Fastify();
if (mode === 'open') {
  app.get('/documents', async () => DOCUMENTS);
} else if (mode === 'guarded') {
  const auth = keyward({ url, key });
  app.addHook('onClose', () => auth.close());
  app.get('/documents', { preHandler: auth.requirePermissions('documents:read') }, async () => DOCUMENTS);
} else if (mode === 'per-request') {
  app.get('/documents', async (request, reply) => {
    const presented = /^Key (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const response = await fetch(`${url}/v1/keys/verify`, {
      method: 'POST',
      headers: { authorization: `Key ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: presented, permissions: ['documents:read'] }),
    });
    const answer = await response.json();
    // A refusal answers 401, which wrk counts, so that a run that verified nothing cannot stand.
    if (!answer.valid) return reply.code(401).send({ success: false, code: answer.code });
    return DOCUMENTS;
  });
} else {
  throw new Error(`BENCH_MODE must be open, guarded or per-request, not ${mode}`);
}
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`middleware app (${mode}) listening on ${address}\n`);
