import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { keyward as expressKeyward } from '../../packages/client/src/guard/express.js';
import { keyward as fastifyKeyward } from '../../packages/client/src/guard/fastify.js';
import { keyward as honoKeyward } from '../../packages/client/src/guard/hono.js';
import type { GuardOptions, VerifiedKey } from '../../packages/client/src/guard/types.js';

/**
 * The three small apps the middleware tests run, on the real frameworks, each on a port of its own:
 * `GET /documents` requires `documents:read`, `GET /me` only a valid key; both answer the key the
 * middleware put on the request. `GET /tamper` (any valid key) is a careless handler: it tries to
 * change the key on its request, and answers which of its changes were refused.
 */
export interface ProtectedApp {
  url: string;
  close(): Promise<void>;
}

export type Framework = 'fastify' | 'express' | 'hono';
export const FRAMEWORKS: readonly Framework[] = ['fastify', 'express', 'hono'];

export function startApp(framework: Framework, options: GuardOptions): Promise<ProtectedApp> {
  return BUILDERS[framework](options);
}

/** Each change a handler might make to the key on its request; answers those that threw. */
function tamper(key: VerifiedKey | undefined): { refused: string[] } {
  const attempts: Record<string, (target: any) => void> = {
    'push a permission': (target) => target.permissions.push('documents:write'),
    'change the role': (target) => {
      target.role = 'admin';
    },
    'change the meta': (target) => {
      target.meta.team = 'b';
    },
  };
  const refused: string[] = [];
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      attempt(key);
    } catch {
      refused.push(name);
    }
  }
  return { refused };
}

const BUILDERS: Record<Framework, (options: GuardOptions) => Promise<ProtectedApp>> = {
  async fastify(options) {
    const auth = fastifyKeyward(options);
    const app = Fastify();
    app.addHook('onClose', () => auth.close());
    app.get('/documents', { preHandler: auth.requirePermissions('documents:read') }, async (request) => ({
      key: request.keyward,
    }));
    app.get('/me', { preHandler: auth.requirePermissions() }, async (request) => ({ key: request.keyward }));
    app.get('/tamper', { preHandler: auth.requirePermissions() }, async (request) => tamper(request.keyward));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url, close: () => app.close() };
  },

  async express(options) {
    const auth = expressKeyward(options);
    const app = express();
    app.get('/documents', auth.requirePermissions('documents:read'), (req, res) => {
      res.json({ key: req.keyward });
    });
    app.get('/me', auth.requirePermissions(), (req, res) => {
      res.json({ key: req.keyward });
    });
    app.get('/tamper', auth.requirePermissions(), (req, res) => {
      res.json(tamper(req.keyward));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        await auth.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  },

  async hono(options) {
    const auth = honoKeyward(options);
    const app = new Hono();
    app.get('/documents', auth.requirePermissions('documents:read'), (c) =>
      c.json({ key: c.get('keyward') }),
    );
    app.get('/me', auth.requirePermissions(), (c) => c.json({ key: c.get('keyward') }));
    app.get('/tamper', auth.requirePermissions(), (c) => c.json(tamper(c.get('keyward'))));
    let server: Server | undefined;
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve(info.port),
      ) as Server;
    });
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        await auth.close();
        server?.closeAllConnections();
        await new Promise((resolve) => server?.close(resolve));
      },
    };
  },
};
