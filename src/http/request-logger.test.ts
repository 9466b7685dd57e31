import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { requestLogger } from './request-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('requestLogger', () => {
  it('makes no pino child until the request logs, then logs with the request id and redaction', async () => {
    const { lines, logger } = capture();
    const child = vi.spyOn(logger, 'child');
    const log = requestLogger(logger, { reqId: 'req_1' }, {});
    expect(log.level).toBe('info');
    log.debug('not at this level');
    expect(child).toHaveBeenCalledTimes(1);
    log.info({ headers: { authorization: 'Key secret' } }, 'request');
    log.error('again');
    expect(child).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toMatchObject([
      { reqId: 'req_1', msg: 'request', headers: { authorization: '[redacted]' } },
      { reqId: 'req_1', msg: 'again' },
    ]);
  });

  it('costs nothing for a request that never logs', () => {
    const { logger } = capture();
    const child = vi.spyOn(logger, 'child');
    requestLogger(logger, { reqId: 'req_2' }, {});
    expect(child).not.toHaveBeenCalled();
  });
});
