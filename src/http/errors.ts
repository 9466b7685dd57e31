import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, KeywardError } from '../errors.js';
import { newId } from '../keys/ids.js';
import { isStoreFull, isStoreUnavailable } from '../store/unavailable.js';
import { requestLine } from './request-logger.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { describeValidationError } from './validation.js';

const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['INVALID_JSON', 'body: is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['INVALID_JSON', 'body: is empty but the content type is JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'body: is larger than the server accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'content-type: must be application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['INVALID_REQUEST', 'content-length: does not match the body'],
  FST_ERR_CTP_INVALID_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'content-type: must be application/json'],
  FST_ERR_BAD_URL: ['INVALID_REQUEST', 'url: is not a valid URL'],
  FST_ERR_MAX_PARAM_LENGTH: ['INVALID_REQUEST', 'url: a path parameter is too long'],
  FST_ERR_ASYNC_CONSTRAINT: ['INVALID_REQUEST', 'request: does not match a route constraint'],
};

/** Maps anything thrown to the one error shape. Messages of 5xx never carry internals. */
export function toKeywardError(error: FastifyError | Error): KeywardError {
  if (error instanceof KeywardError) return error;
  const fe = error as FastifyError;
  if (fe.validation)
    return new KeywardError(
      'INVALID_REQUEST',
      describeValidationError(fe.validation as never, fe.validationContext ?? 'request'),
    );
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return new KeywardError(known[0], known[1]);
  if (error instanceof SyntaxError || fe.statusCode === 400) {
    // Parsers may quote the input in their messages; the input may hold a key, so none of it is echoed.
    return new KeywardError('INVALID_JSON', 'body: is not valid JSON');
  }
  if (fe.statusCode === 408) return new KeywardError('REQUEST_TIMEOUT', 'request: took too long');
  if (fe.statusCode === 413)
    return new KeywardError('PAYLOAD_TOO_LARGE', 'body: is larger than the server accepts');
  if (fe.statusCode === 415)
    return new KeywardError('UNSUPPORTED_MEDIA_TYPE', 'content-type: must be application/json');
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new KeywardError('INVALID_REQUEST', 'request: is invalid');
  }
  if (isStoreFull(error)) {
    return new KeywardError(
      'INSUFFICIENT_STORAGE',
      "The server's storage is full, so nothing was written; reads and verification still work",
      { 'retry-after': '60' },
    );
  }
  if (isStoreUnavailable(error)) {
    return new KeywardError('UNAVAILABLE', 'The store does not answer; retry shortly', {
      'retry-after': '1',
    });
  }
  return new KeywardError('INTERNAL', 'Internal error; the request id identifies it in the server log');
}

export function sendError(error: KeywardError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.info(requestLine(request, reply, error.status), 'request');
  return reply
    .status(error.status)
    .headers(error.headers)
    .send({ success: false, error: { code: error.code, message: error.message, requestId: request.id } });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const mapped = toKeywardError(error);
  if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
  return sendError(mapped, request, reply);
}

/** An error answered outside Fastify: its body and headers, as Fastify's error answers have them. */
function bareAnswer(error: KeywardError): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    success: false,
    error: { code: error.code, message: error.message, requestId: newId('req') },
  });
  const headers = {
    ...SECURITY_HEADERS,
    ...error.headers,
    'content-type': 'application/json; charset=utf-8',
    connection: 'close',
    'content-length': String(Buffer.byteLength(body)),
  };
  return { body, headers };
}

/**
 * Answers what Node's HTTP parser rejects before Fastify sees a request (a garbage request line, headers
 * too large), in the one error shape and with the security headers, instead of Node's bare 400.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  writeBare(
    socket,
    CLIENT_ERRORS[error.code ?? ''] ?? new KeywardError('INVALID_REQUEST', 'request: is not valid HTTP'),
  );
}

/** Writes an error answer straight to a socket, and closes it. */
function writeBare(socket: Duplex, error: KeywardError): void {
  const { body, headers } = bareAnswer(error);
  const lines = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n${lines}\r\n${body}`);
}

/** Answers a connection that a limit refuses before reading anything from it, and closes it. */
export function refuseConnection(socket: Duplex): void {
  writeBare(
    socket,
    new KeywardError('RATE_LIMITED', 'Too many open connections from this address; close some first', {
      'retry-after': '1',
    }),
  );
}

/**
 * Answers a request whose `Expect` is not `100-continue` (Node's `checkExpectation`), which Node would
 * otherwise answer with a bare 417 that has neither the error shape nor the security headers.
 */
export function answerExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const { body, headers } = bareAnswer(
    new KeywardError('EXPECTATION_FAILED', 'expect: only 100-continue is supported'),
  );
  response.writeHead(417, headers);
  response.end(body);
}

const CLIENT_ERRORS: Record<string, KeywardError> = {
  HPE_HEADER_OVERFLOW: new KeywardError('HEADERS_TOO_LARGE', 'headers: are larger than the server accepts'),
  ERR_HTTP_REQUEST_TIMEOUT: new KeywardError('REQUEST_TIMEOUT', 'request: took too long to arrive'),
};
