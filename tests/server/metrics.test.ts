/**
 * The Prometheus endpoint (issue 16, item 4): off unless METRICS_TOKEN is set, then only for that
 * token; counters that move with pushes, pulls and failed logins; labels from fixed sets only.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { bearerMatches, LOGIN_FAILURE_REASONS, REJECTION_CODES } from '../../src/server/metrics.js';
import { type AuthHarness, bearer, createUser, login, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile, fakeDatabase, removeDir } from './helpers.js';
import { householdChange, pull, push, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** `name{labels}` → value, from Prometheus's text format. */
function parse(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

describe('GET /metrics without METRICS_TOKEN', () => {
  it('answers 404 in the API’s shape, not the app’s index.html', async () => {
    // With a built app, an unknown path answers index.html: /metrics must not.
    const distDir = await mkdtemp(join(tmpdir(), 'ngo-so-metrics-'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><title>Ngõ Số</title>');
    const app = buildServer({ db: fakeDatabase(), distDir });
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
    await app.close();
    await removeDir(distDir);
  });
});

describe('a fresh server’s metrics', () => {
  it('hold every labelled series at 0, so Prometheus’s increase() counts the first refusal or failed login', async () => {
    const app = buildServer({ db: fakeDatabase(), distDir: '/nonexistent', metricsToken: TOKEN });
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
    const series = parse(res.body);
    for (const code of REJECTION_CODES) {
      expect(series.get(`ngo_so_sync_changes_total{outcome="rejected",code="${code}"}`), code).toBe(0);
    }
    for (const reason of LOGIN_FAILURE_REASONS) {
      expect(series.get(`ngo_so_login_failures_total{reason="${reason}"}`), reason).toBe(0);
    }
    expect(series.get('ngo_so_sync_requests_total{endpoint="pull",outcome="error"}')).toBe(0);
    await app.close();
  });
});

describe('the metrics token', () => {
  it('is compared whole: a prefix, a longer text or another scheme does not match', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}  `, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
  });
});

describe.each(backendsForFile('metrics.test.ts'))('metrics on $kind', (backend) => {
  let h: AuthHarness;
  let member = '';

  async function scrape(): Promise<Map<string, number>> {
    const res = await h.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(res.body);
  }
  const value = (series: Map<string, number>, key: string) => series.get(key) ?? 0;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'metrics', {}, { metricsToken: TOKEN });
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    member = await loginToken(h.app, 'member-a');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a request without the token, or with a wrong one, with 401', async () => {
    const none = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    // A user's session token is not the metrics token either.
    for (const wrong of [`${TOKEN}0`, 'x'.repeat(TOKEN.length), member]) {
      const res = await h.app.inject({ method: 'GET', url: '/metrics', headers: bearer(wrong) });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('ngo_so_');
    }
  });

  it('serves the process metrics too', async () => {
    const series = await scrape();
    expect(series.has('process_cpu_user_seconds_total')).toBe(true);
    expect(series.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts a push’s changes as applied, duplicate and rejected by code, and the pushes by outcome', async () => {
    const before = await scrape();
    const first = householdChange(VILLAGE_A);
    expect((await push(h.app, member, [first, householdChange(VILLAGE_A)])).statusCode).toBe(200);
    // A retry: one change again, one new.
    expect((await push(h.app, member, [first, householdChange(VILLAGE_A)])).statusCode).toBe(200);
    const unknownField = householdChange(VILLAGE_A, {
      fields: { label: 'Hộ thử', createdAt: '2026-11-25T08:00:00.000Z', bogus: 1 },
    });
    expect((await push(h.app, member, [unknownField])).statusCode).toBe(400);
    const otherVillage = [householdChange(VILLAGE_B), householdChange(VILLAGE_B)];
    expect((await push(h.app, member, otherVillage)).statusCode).toBe(403);
    expect((await pull(h.app, member, 0)).statusCode).toBe(200);
    expect((await push(h.app, 'not-a-token', [householdChange(VILLAGE_A)])).statusCode).toBe(401);

    const after = await scrape();
    const moved = (key: string) => value(after, key) - value(before, key);
    expect(moved('ngo_so_sync_changes_total{outcome="applied"}')).toBe(3);
    expect(moved('ngo_so_sync_changes_total{outcome="duplicate"}')).toBe(1);
    expect(moved('ngo_so_sync_changes_total{outcome="rejected",code="unknown_field"}')).toBe(1);
    expect(moved('ngo_so_sync_changes_total{outcome="rejected",code="village_forbidden"}')).toBe(2);
    expect(moved('ngo_so_sync_requests_total{endpoint="push",outcome="ok"}')).toBe(2);
    expect(moved('ngo_so_sync_requests_total{endpoint="push",outcome="rejected"}')).toBe(2);
    expect(moved('ngo_so_sync_requests_total{endpoint="push",outcome="unauthorized"}')).toBe(1);
    expect(moved('ngo_so_sync_requests_total{endpoint="pull",outcome="ok"}')).toBe(1);
    expect(moved('ngo_so_sync_request_duration_seconds_count{endpoint="push"}')).toBe(5);
    expect(moved('ngo_so_sync_request_duration_seconds_count{endpoint="pull"}')).toBe(1);
    expect(moved('ngo_so_http_requests_total{method="POST",route="/api/sync/push",status_class="4xx"}')).toBe(
      3,
    );
  });

  it('counts failed logins by reason', async () => {
    const before = await scrape();
    expect((await login(h.app, 'member-a', 'sai-mat-khau-roi')).statusCode).toBe(401);
    expect((await login(h.app, 'khong-co-ai', 'sai-mat-khau-roi')).statusCode).toBe(401);
    expect((await login(h.app, 'khong-co-ai', 'sai-mat-khau-roi')).statusCode).toBe(401);
    const after = await scrape();
    const moved = (reason: string) =>
      value(after, `ngo_so_login_failures_total{reason="${reason}"}`) -
      value(before, `ngo_so_login_failures_total{reason="${reason}"}`);
    expect(moved('bad_password')).toBe(1);
    expect(moved('unknown_user')).toBe(2);
  });

  it('labels requests by route template: a new address adds no series and shows nowhere', async () => {
    const random = () => `zz${Math.random().toString(36).slice(2)}`;
    const a = random();
    await h.app.inject({ method: 'GET', url: `/api/${a}?q=${a}` });
    await h.app.inject({ method: 'GET', url: `/api/admin/users/${a}`, headers: bearer(member) });
    await scrape(); // so that the scrapes' own series exist before `before`
    const before = await scrape();
    const b = random();
    for (const url of [`/api/${b}?q=${b}`, `/api/admin/users/${b}`]) {
      await h.app.inject({ method: 'GET', url, headers: bearer(member) });
    }
    const after = await scrape();
    const body = [...after.keys()].join('\n');
    expect(body).not.toContain(a);
    expect(body).not.toContain(b);
    expect(body).toContain('route="(no route)"');
    expect(body).toContain('route="/api/admin/users/:id"');
    // The scrape itself may add its own series the first time; the random addresses add none.
    const httpSeries = (series: Map<string, number>) =>
      [...series.keys()].filter((k) => k.startsWith('ngo_so_http_requests_total{')).sort();
    expect(httpSeries(after)).toEqual(httpSeries(before));
  });
});
