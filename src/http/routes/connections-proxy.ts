import { type Static, Type } from 'typebox';
import { buildRequest, type OutgoingRequest, RequestRefused } from '../../connections/index.js';
import type { Deps } from '../../deps.js';
import { invalid, KeywardError } from '../../errors.js';
import { OutboundError } from '../../outbound/errors.js';
import type { App } from '../app-type.js';
import { gatewayResponses, openCredentials, providerNamed, requireConnection } from '../connections.js';
import { errorResponses, idOf, LIMITS } from '../schemas.js';
import { SECURITY_HEADERS } from '../security-headers.js';

const PROXY = '/v1/connections/:connectionId/proxy/*';
const ProxyPath = Type.String({ maxLength: LIMITS.text, description: "The provider's own path" });
const ProxyParams = Type.Object({ connectionId: idOf('con'), '*': ProxyPath });

/**
 * Headers of the provider's answer that are not passed on: those of the hop between Keyward and the
 * provider, cookies (the provider's session is not the caller's), and Keyward's own security headers,
 * which every answer from Keyward's origin carries.
 */
const NOT_RETURNED: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'set-cookie',
  'strict-transport-security',
  ...Object.keys(SECURITY_HEADERS),
]);

/** The path after `/proxy`, as the caller sent it (never decoded), and the query's pairs, which the client encodes again form-style. */
function forwardedTarget(
  rawUrl: string,
  connectionId: string,
): { path: string; query: Record<string, string[]> } {
  const question = rawUrl.indexOf('?');
  const pathname = question === -1 ? rawUrl : rawUrl.slice(0, question);
  const prefix = `/v1/connections/${connectionId}/proxy`;
  const path = pathname.slice(prefix.length) || '/';
  const query: Record<string, string[]> = {};
  if (question !== -1) {
    for (const [name, value] of new URLSearchParams(rawUrl.slice(question + 1))) {
      const values = query[name] ?? [];
      values.push(value);
      query[name] = values;
    }
  }
  return { path, query };
}

export default function proxyConnection(app: App, deps: Deps): void {
  app.register(async (scope) => {
    // The body goes to the provider as it came, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.route<{ Params: Static<typeof ProxyParams> }>({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: PROXY,
      schema: {
        tags: ['connections'],
        summary: "Send a request to the provider through a connection, with the connection's credential",
        description:
          "Forwards the method, the path after `/proxy`, the query, the headers and the body to the provider's base URL, with the credential added as the provider's catalog entry says, and streams the answer back with its status. The caller's own `Authorization`, `x-api-key` and cookies are never forwarded. Only public addresses are reached, unless the cluster allows others (`KEYWARD_OUTBOUND_ALLOW`), and every address is checked when connected to. Redirects are passed back, not followed. Needs `connections:use`.",
        params: Type.Object({
          connectionId: idOf('con'),
          '*': ProxyPath,
        }),
        querystring: Type.Object({}, { additionalProperties: true }),
        response: { ...errorResponses, ...gatewayResponses },
      },
      handler: async (request, reply) => {
        const { connection } = await requireConnection(
          deps,
          request,
          request.params.connectionId,
          'connections:use',
        );
        const provider = providerNamed(deps, connection.provider, 'provider');
        const credentials = openCredentials(deps, request, connection);
        const { path, query } = forwardedTarget(request.raw.url ?? '', connection.id);
        let outgoing: OutgoingRequest;
        try {
          outgoing = buildRequest(
            provider,
            { config: connection.config, credentials },
            {
              method: request.method,
              path,
              query,
              headers: request.headers,
              ...(Buffer.isBuffer(request.body) && request.body.length > 0 ? { body: request.body } : {}),
            },
          );
        } catch (error) {
          if (error instanceof RequestRefused) throw invalid('request', `${error.where} cannot be forwarded`);
          throw error;
        }
        let response: Awaited<ReturnType<typeof deps.outbound.send>>;
        try {
          response = await deps.outbound.send({
            method: outgoing.method,
            url: outgoing.url,
            headers: outgoing.headers,
            ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
          });
        } catch (error) {
          if (!(error instanceof OutboundError)) throw error;
          request.log.warn(
            { connectionId: connection.id, code: error.code, address: error.address },
            'the provider did not answer the proxy',
          );
          const code = error.code === 'TIMEOUT' ? 'GATEWAY_TIMEOUT' : 'BAD_GATEWAY';
          throw new KeywardError(code, `${provider.displayName}: ${error.message}`);
        }
        reply.status(response.status);
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined || NOT_RETURNED.has(name)) continue;
          // The answer keeps Keyward's own request id, which its log and errors name; the provider's
          // comes back under a name of its own, for a ticket with the provider.
          reply.header(name === 'x-request-id' ? 'x-provider-request-id' : name, value);
        }
        return reply.send(response.body);
      },
    });
  });
}
