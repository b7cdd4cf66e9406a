import { access } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';

export const CACHE_NO_CACHE = 'no-cache';
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_ONE_DAY = 'public, max-age=86400';

// Files whose names stay the same across releases: a stale copy would pin users to an old app.
const UNHASHED_ENTRY_POINTS = new Set(['sw.js', 'registerSW.js', 'manifest.webmanifest']);

/** `relPath` is relative to the dist dir, with forward slashes. */
export function cacheControlFor(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (name.endsWith('.html') || UNHASHED_ENTRY_POINTS.has(name) || /^workbox-.*\.js$/.test(name)) {
    return CACHE_NO_CACHE;
  }
  if (relPath.startsWith('assets/')) return CACHE_IMMUTABLE;
  return CACHE_ONE_DAY;
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

// A missing /assets/app-123.js must stay a 404: answering with index.html would hand the browser
// (and the service worker's cache) HTML where it expects a script.
function looksLikeFile(pathname: string): boolean {
  return basename(pathname).includes('.');
}

export function registerStaticFiles(app: FastifyInstance, distDir: string): void {
  app.register(fastifyStatic, {
    root: distDir,
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    suppressWarning: true,
    setHeaders(reply, path) {
      const relPath = relative(distDir, path).split(sep).join('/');
      reply.header('cache-control', cacheControlFor(relPath));
    },
  });

  const indexHtml = join(distDir, 'index.html');
  const limited = {
    preHandler: (request: FastifyRequest, reply: FastifyReply) => app.limitAddress(request, reply),
  };
  app.setNotFoundHandler(limited, async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?', 1)[0] ?? '/';
    if (isApiPath(pathname)) {
      reply.header('cache-control', 'no-store');
      return sendError(reply, 404, 'not_found', `No API route ${request.method} ${pathname}.`);
    }
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (!isRead || looksLikeFile(pathname)) {
      return sendError(reply, 404, 'not_found', `Not found: ${pathname}.`);
    }
    // sendFile on a missing index.html would loop back into this handler.
    try {
      await access(indexHtml);
    } catch {
      return sendError(reply, 503, 'app_not_built', 'The web app has not been built yet.');
    }
    // Deep links (/v/abc/h/def) must load the SPA on a first visit, before any service worker exists.
    reply.header('cache-control', CACHE_NO_CACHE);
    return reply.sendFile('index.html');
  });
}
