import Fastify from 'fastify';

/** The floor for any GET in Fastify 5: one route that answers "hello". Started pinned by bench/http.ts. */
const app = Fastify();
app.get('/', async () => 'hello');
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`bare GET listening on ${url}\n`);
