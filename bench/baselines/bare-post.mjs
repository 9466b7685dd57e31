import Fastify from 'fastify';

/**
 * The floor for any POST in Fastify 5: one route that parses a small JSON body (the bench sends the
 * same bytes as a verify request) and answers a small JSON object. No schema, no hooks.
 */
const app = Fastify();
app.post('/', async (request) => ({ length: request.body.key.length }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`bare POST listening on ${url}\n`);
