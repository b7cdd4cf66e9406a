/**
 * What the HTTPS tests share (issue 16, item 1). Test certificates are made with the `openssl` CLI
 * (Debian's, on every machine that runs the suite): a root like the one a commune installs on its
 * phones, and server certificates it signs, with P-256 keys so that making one takes milliseconds.
 */
import { execFile } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFiles } from './helpers.js';

const run = promisify(execFile);

export interface TestRoot {
  /** The root certificate, PEM: what a phone (or a test client) trusts. */
  certPem: string;
  certFile: string;
  /** Makes a server certificate signed by this root, valid for `names` (DNS names or IPv4). */
  issue(label: string, names: string[]): Promise<ServerCertificate>;
}

export interface ServerCertificate {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A fresh root in `dir` (its key stays there, used only to sign). */
export async function makeTestRoot(dir: string): Promise<TestRoot> {
  const certFile = join(dir, 'root.pem');
  const keyFile = join(dir, 'root.key');
  await run('openssl', [
    'req',
    '-x509',
    ...EC_KEY,
    '-days',
    '2',
    '-subj',
    '/CN=Ngo So test root',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  const certPem = await readFile(certFile, 'utf8');
  return {
    certPem,
    certFile,
    async issue(label, names) {
      const base = join(dir, label);
      await run('openssl', [
        'req',
        ...EC_KEY,
        '-subj',
        `/CN=${names[0] ?? label}`,
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
      ]);
      const san = names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
      await writeFile(
        `${base}.ext`,
        `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
      );
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        certFile,
        '-CAkey',
        keyFile,
        '-days',
        '2',
        '-extfile',
        `${base}.ext`,
        '-out',
        `${base}.pem`,
      ]);
      return {
        certFile: `${base}.pem`,
        keyFile: `${base}.key`,
        certPem: await readFile(`${base}.pem`, 'utf8'),
        keyPem: await readFile(`${base}.key`, 'utf8'),
      };
    },
  };
}

/** Replaces `file` at once, as renewal tools do (write beside, then rename over). */
export async function replaceFile(file: string, content: string): Promise<void> {
  const temporary = `${file}.new`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/** The built app the HTTPS tests serve: only its index page, recognised by its title. */
export const TEST_TITLE = '<title>Ngõ Số</title>';

export async function writeTestApp(distDir: string): Promise<void> {
  await writeFiles(distDir, {
    'index.html': `<!doctype html><html><head>${TEST_TITLE}</head><body></body></html>`,
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request to 127.0.0.1:`port`, over TLS when `tls` is given: the certificate must be valid for
 * `tls.name` and signed by `tls.ca` (a phone that installed the root), nothing is ignored.
 */
export function ask(
  port: number,
  options: RequestOptions & { tls?: { name: string; ca: string }; body?: string },
): Promise<Answer> {
  const { tls, body, ...rest } = options;
  return new Promise((resolve, reject) => {
    const collect = (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    };
    const common = { ...rest, host: '127.0.0.1', port, agent: false };
    const req = tls
      ? httpsRequest({ ...common, servername: tls.name, ca: tls.ca }, collect)
      : httpRequest(common, collect);
    req.on('error', reject);
    req.end(body);
  });
}
