/**
 * The app as the server runs it, in this process and without a build: Express with the page
 * cache in front of Remix's request handler, over a route manifest assembled from the route
 * modules themselves (Remix's own routing, so every spelling of an address reaches the route
 * it reaches in production).
 */
import type { AddressInfo } from 'node:net';

import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';

import * as entry from '~/entry.server';
import * as root from '~/root';

type Modules = Record<string, { path?: string; index?: boolean; module: unknown }>;

export interface RunningApp {
  base: string;
  close: () => Promise<void>;
}

/** Serves `routes` (id → path and module) under the root route, on a free port. */
export async function serveApp(routes: Modules): Promise<RunningApp> {
  const all: Modules = { root: { path: '', module: root }, ...routes };
  const manifestRoutes: Record<string, object> = {};
  const serverRoutes: Record<string, object> = {};
  for (const [id, r] of Object.entries(all)) {
    const m = r.module as Record<string, unknown>;
    const route = { id, parentId: id === 'root' ? undefined : 'root', path: r.path, index: r.index };
    serverRoutes[id] = { ...route, module: m };
    manifestRoutes[id] = {
      ...route,
      module: `/build/${id}.js`,
      hasAction: 'action' in m,
      hasLoader: 'loader' in m,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: 'ErrorBoundary' in m,
    };
  }
  const build = {
    mode: 'production',
    entry: { module: entry },
    routes: serverRoutes,
    assets: {
      entry: { imports: [], module: '/build/entry.js' },
      routes: manifestRoutes,
      url: '/build/m.js',
      version: 'test',
    },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild;
  const app = express();
  let n = 0;
  app.use((_req, res, next) => {
    res.locals.cspNonce = `nonce${++n}x`;
    next();
  });
  app.all(
    '*',
    createRequestHandler({ build, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }) }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
