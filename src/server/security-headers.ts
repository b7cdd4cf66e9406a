/**
 * Security headers on every answer of the server (issue 14, kind 7): the API's JSON, its errors,
 * index.html, hashed assets, the service worker, the SPA fallback and 404s all carry them, because
 * helmet's hooks run on `onRequest`, before any route, the not-found handler or the error handler,
 * and set the headers on the raw response, which an error answer keeps.
 *
 * What the policy allows is what the built app really needs, and no more:
 * - scripts only from this origin, as files: the built index.html has no inline script, the service
 *   worker is registered from a module (workbox-window), and zod runs without its `new Function`
 *   fast path (src/app/zod-csp.ts), so there is no `'unsafe-inline'` and no `'unsafe-eval'`;
 * - styles only from this origin, as files: Vite emits CSS files, React sets `style` props through
 *   CSSOM (never blocked by CSP), and no code writes `<style>` or `style="…"`;
 * - images, fonts, the manifest, fetches and workers only from this origin; no `data:` URI is used;
 * - no plugins, no `<base>` elsewhere, forms post only here, and no site may frame the app
 *   (clickjacking a register of whole villages).
 *
 * HSTS is sent only when the request really came over HTTPS (TLS here, or a trusted proxy's
 * X-Forwarded-Proto with `trustProxy`): on http://127.0.0.1 it would make the browser refuse plain
 * HTTP to localhost for a year, breaking development and the e2e suite.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy directives, in helmet's shape (issue 14 kind 7; DESIGN §7).
 * `upgrade-insecure-requests` is left out on purpose: every source is `'self'`, so there is nothing
 * insecure to upgrade over HTTPS, and over plain http://127.0.0.1 it would send same-origin requests
 * to an https:// port nobody listens on.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** The header value helmet writes from {@link CSP_DIRECTIVES}, for tests and documentation. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join(';');

/**
 * Powerful browser features the app never uses, denied to it and to anything injected into it
 * (issue 14 kind 7). Only features Chromium knows: an unknown name (`bluetooth`, `battery`) is
 * logged as an error on every page load, and the e2e suite fails on it. If a feature is ever
 * needed (a camera to scan a QR code), allow it here as `(self)`.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** One year, and the commune's subdomains too; no `preload`, which cannot be undone quickly. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The headers helmet writes (with the values set below), as one constant for the few answers no hook
 * reaches: errors Fastify raises before routing (a bad percent-encoding such as `/api/%c0%ae`) and
 * the raw answers to requests Node's parser refuses (431, 400). A test checks they stay equal to
 * helmet's. HSTS is added beside it where the protocol is known.
 */
export const FALLBACK_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'permissions-policy': PERMISSIONS_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const HELMET_OPTIONS: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])),
  },
  // Sent by our own hook, only over HTTPS (see the module comment).
  strictTransportSecurity: false,
  // URLs name villages and households (/v/…/h/…); the app links nowhere else, so nothing is lost.
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  xContentTypeOptions: true,
};

/**
 * Registers helmet and the headers helmet does not write (Permissions-Policy, HSTS over HTTPS) on
 * the root of `app`, so they reach every route, the not-found handler and the error handler. Call it
 * before registering anything else: an answer a later `onRequest` hook gives (a 401, a 429) then
 * carries the headers too.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  // @fastify/helmet is wrapped with fastify-plugin: its hooks land on the root, not in a child scope.
  app.register(fastifyHelmet, HELMET_OPTIONS);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (request.protocol === 'https') reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  });
}

/**
 * For answers given outside Fastify's hooks (see {@link FALLBACK_SECURITY_HEADERS}): the same
 * headers, and HSTS when `request` came over TLS to this server. Fastify builds these requests
 * without `trustProxy`, so behind a proxy they go without HSTS; browsers keep HSTS from any other
 * answer, so nothing is lost.
 */
export function setFallbackSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(FALLBACK_SECURITY_HEADERS);
  if (request.protocol === 'https') reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
}
