/**
 * HTTPS served by the server itself (issue 16, item 1; DESIGN §3): phones get a service worker,
 * persistent storage and installation only in a secure context, which plain HTTP is only on localhost.
 *
 * What it guarantees:
 * - the server does not start with a certificate it cannot serve: a missing or unreadable file, a
 *   file that is not PEM, an encrypted key or a key of another certificate is refused with one plain
 *   sentence naming the variable and the file ({@link loadCertificate});
 * - a certificate renewed on disk (certbot, acme.sh, a copy by hand) is served to new connections
 *   within {@link CERTIFICATE_CHECK_INTERVAL_MS}, without a restart; a renewal that cannot be used
 *   (half-written, key and certificate of different pairs) leaves the previous one in place and logs
 *   one warning per state of the files, so a renewal written file by file only ever warns, never
 *   breaks HTTPS ({@link reloadCertificateOnRenewal});
 * - plain HTTP on HTTP_PORT only redirects, with 308 so a POST stays a POST, to the same host and
 *   path over HTTPS: the app and the API are never answered over plain HTTP
 *   ({@link listenHttpRedirect}). HSTS (security-headers.ts) then keeps browsers on HTTPS.
 *
 * Files are polled rather than watched: renewals replace symlinks (certbot's `live/`) or rename files
 * into place, which `fs.watch` follows unreliably, and reading two small files a minute costs nothing.
 */
import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureContext, Server as TlsServer } from 'node:tls';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TlsSettings } from './config.js';
import { clientErrorHandler } from './errors.js';
import { FALLBACK_SECURITY_HEADERS } from './security-headers.js';

/** How often the certificate files are read again to find a renewal. */
export const CERTIFICATE_CHECK_INTERVAL_MS = 60_000;

/** A certificate and its key as read from disk, checked to belong together. */
export interface Certificate {
  /** The PEM bytes of TLS_CERT, chain included, exactly as read. */
  cert: Buffer;
  /** The PEM bytes of TLS_KEY. */
  key: Buffer;
  /** The names it is valid for (subjectAltName, e.g. `DNS:ngoso.example.vn, IP Address:192.168.1.10`). */
  names: string;
  /** The end of its validity, ISO 8601. */
  validTo: string;
  /** SHA-256 of the leaf certificate, `AB:CD:…`, as browsers show it. */
  fingerprint: string;
}

/** A certificate file or key that cannot be served; the message is one sentence for the log. */
export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateError';
  }
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied (the user running the server must be able to read it)',
  EISDIR: 'it is a folder, not a file',
};

function readOrExplain(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CertificateError(
      `${variable} (${file}) cannot be read: ${READ_ERRORS[code] ?? (error as Error).message}.`,
    );
  }
}

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';
const PEM_PRIVATE_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

function parseLeaf(cert: Buffer, certFile: string): X509Certificate {
  const text = cert.toString('latin1');
  if (!text.includes(PEM_CERTIFICATE)) {
    const hint = PEM_PRIVATE_KEY.test(text)
      ? ' It holds a private key: are TLS_CERT and TLS_KEY swapped?'
      : '';
    throw new CertificateError(
      `TLS_CERT (${certFile}) holds no PEM certificate (a text file starting with ${PEM_CERTIFICATE}).${hint}`,
    );
  }
  try {
    return new X509Certificate(cert);
  } catch {
    throw new CertificateError(`TLS_CERT (${certFile}) holds a damaged certificate that cannot be read.`);
  }
}

function parseKey(key: Buffer, keyFile: string): KeyObject {
  const text = key.toString('latin1');
  if (!PEM_PRIVATE_KEY.test(text)) {
    const hint = text.includes(PEM_CERTIFICATE)
      ? ' It holds a certificate: are TLS_CERT and TLS_KEY swapped?'
      : '';
    throw new CertificateError(
      `TLS_KEY (${keyFile}) holds no PEM private key (a text file starting with -----BEGIN PRIVATE KEY-----).${hint}`,
    );
  }
  // PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`) or OpenSSL's older `Proc-Type: 4,ENCRYPTED`: OpenSSL's own
  // error for these ("interrupted or cancelled") says nothing of a passphrase.
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new CertificateError(
      `TLS_KEY (${keyFile}) is encrypted with a passphrase; give the server an unencrypted key readable only by its user.`,
    );
  }
  try {
    return createPrivateKey(key);
  } catch {
    throw new CertificateError(`TLS_KEY (${keyFile}) holds a damaged private key that cannot be read.`);
  }
}

/**
 * Checks that `cert` and `key` (PEM bytes) can be served together.
 * @throws CertificateError with a plain sentence naming the files: not PEM, damaged, encrypted key,
 *   key of another certificate, or refused by OpenSSL.
 */
export function checkCertificate(cert: Buffer, key: Buffer, files: TlsSettings): Certificate {
  const leaf = parseLeaf(cert, files.certFile);
  const privateKey = parseKey(key, files.keyFile);
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new CertificateError(
      `TLS_KEY (${files.keyFile}) is not the private key of the certificate in TLS_CERT (${files.certFile}).`,
    );
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new CertificateError(
      `TLS_CERT (${files.certFile}) and TLS_KEY (${files.keyFile}) cannot be used for TLS: ${(error as Error).message}.`,
    );
  }
  return {
    cert,
    key,
    names: leaf.subjectAltName ?? leaf.subject,
    validTo: new Date(leaf.validTo).toISOString(),
    fingerprint: leaf.fingerprint256,
  };
}

/**
 * Reads and checks TLS_CERT and TLS_KEY once, before the server starts.
 * @throws CertificateError (see {@link checkCertificate}), or when a file cannot be read.
 */
export function loadCertificate(files: TlsSettings): Certificate {
  const cert = readOrExplain('TLS_CERT', files.certFile);
  const key = readOrExplain('TLS_KEY', files.keyFile);
  return checkCertificate(cert, key, files);
}

/** True when the certificate's validity has ended at `now` (ms since the epoch). */
export function hasExpired(certificate: Certificate, now: number = Date.now()): boolean {
  return Date.parse(certificate.validTo) <= now;
}

/**
 * The address phones use, for the start-up log: `https://`, the certificate's first name (a
 * wildcard such as `*.example.vn` is shown as it is), and `port` unless it is 443.
 */
export function httpsUrl(certificate: Certificate, port: number): string {
  const name = /(?:DNS|IP Address):([^,\s]+)/.exec(certificate.names)?.[1] ?? 'localhost';
  return `https://${name.includes(':') ? `[${name}]` : name}${port === 443 ? '' : `:${port}`}`;
}

function digest(...parts: Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * Reads the certificate files every `intervalMs` and, when they changed and hold a usable pair,
 * serves it to new connections (`tls.Server#setSecureContext`; open connections keep the old one
 * until they close). A pair that cannot be used is logged once as a warning and the previous
 * certificate stays. Stops when `app` closes. `app` must have been built with Fastify's `https`.
 */
export function reloadCertificateOnRenewal(
  app: FastifyInstance,
  files: TlsSettings,
  initial: Certificate,
  intervalMs: number = CERTIFICATE_CHECK_INTERVAL_MS,
): void {
  let served = initial;
  // The state of the files last acted on (served or warned about), so each state is logged once.
  let seen = digest(initial.cert, initial.key);
  let checking = false;

  const check = async (): Promise<void> => {
    let cert: Buffer;
    let key: Buffer;
    try {
      [cert, key] = await Promise.all([readFile(files.certFile), readFile(files.keyFile)]);
    } catch (error) {
      const state = `unreadable:${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
      if (state !== seen) warn(app.log, served, `cannot be read (${(error as Error).message})`);
      seen = state;
      return;
    }
    const state = digest(cert, key);
    if (state === seen) return;
    seen = state;
    let renewed: Certificate;
    try {
      renewed = checkCertificate(cert, key, files);
    } catch (error) {
      warn(app.log, served, (error as Error).message);
      return;
    }
    secureServerOf(app).setSecureContext({ cert, key });
    served = renewed;
    app.log.info(
      { names: renewed.names, validTo: renewed.validTo, fingerprint: renewed.fingerprint },
      'TLS certificate reloaded from disk',
    );
    if (hasExpired(renewed))
      app.log.warn({ validTo: renewed.validTo }, 'the reloaded TLS certificate has expired');
  };

  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void check().finally(() => {
      checking = false;
    });
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

function warn(log: FastifyBaseLogger, served: Certificate, reason: string): void {
  log.warn(
    { validTo: served.validTo, fingerprint: served.fingerprint },
    `The TLS certificate files changed but cannot be used, so the previous certificate is still served: ${reason}`,
  );
}

function secureServerOf(app: FastifyInstance): TlsServer {
  const server: unknown = app.server;
  if (!(server instanceof TlsServer))
    throw new Error('reloadCertificateOnRenewal needs a server built with https');
  return server;
}

/** `host[:port]` as a browser sends it: a DNS name, an IPv4 address or a bracketed IPv6 address. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?$/i;

/**
 * Where a plain-HTTP request is sent: `https://<its host>[:httpsPort]<its path and query>`, or
 * undefined when its Host header is missing or not a host name.
 * The path is the request's own (an absolute-form target keeps only its path and query), and the
 * host is the one the client asked for, so the redirect never leads anywhere the client did not name.
 */
export function httpsLocation(
  host: string | undefined,
  target: string | undefined,
  httpsPort: number,
): string | undefined {
  const match = host ? HOST_HEADER.exec(host) : null;
  if (!match?.[1]) return undefined;
  let path = target ?? '/';
  if (!path.startsWith('/')) {
    const parsed = URL.canParse(path) ? new URL(path) : undefined;
    path = parsed ? `${parsed.pathname}${parsed.search}` : '/';
  }
  const port = httpsPort === 443 ? '' : `:${httpsPort}`;
  return `https://${match[1].toLowerCase()}${port}${path}`;
}

function redirectToHttps(httpsPort: number) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const location = httpsLocation(request.headers.host, request.url, httpsPort);
    response.setHeader('cache-control', 'no-store');
    for (const [name, value] of Object.entries(FALLBACK_SECURITY_HEADERS)) response.setHeader(name, value);
    if (!location) {
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({
          error: {
            code: 'bad_request',
            message: 'A Host header is required: open this server by its https:// address.',
          },
        }),
      );
      return;
    }
    response.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Ngõ Số is served over HTTPS: ${location}\n`);
  };
}

/**
 * Listens for plain HTTP on `port` (0: any free port) at `host` and answers every request, whatever
 * its method or path, with a 308 to the same host and path on `httpsPort`, or 400 without a usable
 * Host header. Malformed requests get the same JSON errors as the app (errors.ts).
 * @returns the listening server; close it on shutdown.
 */
export async function listenHttpRedirect(options: {
  host: string;
  port: number;
  httpsPort: number;
}): Promise<Server> {
  const server = createServer(redirectToHttps(options.httpsPort));
  server.on('clientError', clientErrorHandler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
