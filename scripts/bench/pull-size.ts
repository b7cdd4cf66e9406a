/**
 * Bytes of a complete first pull (since=0 until hasMore is false) as the server sends it, once per
 * content encoding: what a gzip-only client, a brotli client and an uncompressed one would download.
 * Counts response bodies only (headers are ~300 B a page and are in the browser figure instead).
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullResponse } from '../../src/core/sync/protocol';
import { median, round } from './util';

export type Encoding = 'identity' | 'gzip' | 'br';

export interface PullSize {
  encoding: Encoding;
  /** What the server actually answered in content-encoding (it may ignore the wish). */
  servedEncoding: string;
  pages: number;
  rows: number;
  bodyBytes: number;
  bytesPerRow: number;
  /** Wall time of the whole pull from Node, one page after the other (server + loopback + decoding). */
  ms: number;
  /** Median time from sending a page request to having its full (compressed) body. */
  medianPageMs: number;
}

function get(
  url: string,
  token: string,
  encoding: Encoding,
): Promise<{ raw: Buffer; servedEncoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers: {
          authorization: `Bearer ${token}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          'accept-encoding': encoding,
        },
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (res.statusCode !== 200) reject(new Error(`GET ${url} → ${res.statusCode}`));
          else resolve({ raw, servedEncoding: String(res.headers['content-encoding'] ?? 'identity') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

function decode(raw: Buffer, servedEncoding: string): PullResponse {
  const text =
    servedEncoding === 'gzip' ? gunzipSync(raw) : servedEncoding === 'br' ? brotliDecompressSync(raw) : raw;
  return JSON.parse(text.toString('utf8')) as PullResponse;
}

export async function measurePullSize(baseUrl: string, token: string, encoding: Encoding): Promise<PullSize> {
  let since = 0;
  // A cursor past 0 goes with the scope it was pulled under (protocol 3).
  let scope = '';
  let pages = 0;
  let rows = 0;
  let bodyBytes = 0;
  let servedEncoding = '';
  const pageMs: number[] = [];
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const reply = await get(
      `${baseUrl}/api/sync/pull?since=${since}${scope ? `&scope=${scope}` : ''}`,
      token,
      encoding,
    );
    pageMs.push(performance.now() - t);
    const page = decode(reply.raw, reply.servedEncoding);
    servedEncoding ||= reply.servedEncoding;
    pages++;
    rows += page.rows.length;
    bodyBytes += reply.raw.length;
    since = page.cursor;
    scope = page.scope;
    if (!page.hasMore) break;
    if (pages > 10_000) throw new Error('pull never ended');
  }
  return {
    encoding,
    servedEncoding,
    pages,
    rows,
    bodyBytes,
    bytesPerRow: rows ? round(bodyBytes / rows, 1) : 0,
    ms: round(performance.now() - started),
    medianPageMs: round(median(pageMs)),
  };
}
