/**
 * Fills a running Ngõ Số server through its public HTTP API, as the field would: the first commune
 * account (setup), villages pushed by the commune, member accounts, and a village-sized register of
 * households and residents pushed in batches of 500, with its field work (visits, assists, classes,
 * attendance) when asked. Used by the end-to-end tests and the benchmark.
 */
import type { Change } from '../../src/core/changes';
import { generateDemoData } from '../../src/core/demo-data';
import { formatHlc, type Hlc, initialHlc, tickHlc } from '../../src/core/hlc';
import { newDeviceId, newId } from '../../src/core/ids';
import { MAX_PUSH_CHANGES, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';

export const SEED_PASSWORD = 'mat-khau-thu-nghiem';

async function call<T>(
  baseUrl: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown },
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Creates the first commune account (only works on an empty server) and returns its token. */
export async function setupCommune(baseUrl: string, username = 'canbo.xa'): Promise<string> {
  const reply = await call<{ token: string }>(baseUrl, '/api/setup', {
    body: { username, password: SEED_PASSWORD, displayName: 'Cán bộ xã' },
  });
  return reply.token;
}

export async function createAccount(
  baseUrl: string,
  adminToken: string,
  user: {
    username: string;
    role: 'member' | 'lead' | 'commune' | 'unit';
    villageIds: string[];
    displayName?: string;
  },
): Promise<void> {
  await call(baseUrl, '/api/admin/users', {
    token: adminToken,
    body: { password: SEED_PASSWORD, displayName: user.displayName ?? user.username, ...user },
  });
}

export async function loginAccount(baseUrl: string, username: string): Promise<string> {
  const reply = await call<{ token: string }>(baseUrl, '/api/auth/login', {
    body: { username, password: SEED_PASSWORD, deviceName: 'seed' },
  });
  return reply.token;
}

/** Pushes changes as one device of an account (the seed scripts and e2e tests). */
export class Pusher {
  private clock: Hlc;
  readonly deviceId = newDeviceId();
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {
    this.clock = initialHlc(this.deviceId);
  }

  change(table: Change['table'], rowId: string, villageId: string, fields: Record<string, unknown>): Change {
    this.clock = tickHlc(this.clock, Date.now());
    return {
      changeId: newId(),
      table,
      rowId,
      villageId,
      fields: fields as Change['fields'],
      hlc: formatHlc(this.clock),
    };
  }

  async push(changes: Change[]): Promise<void> {
    for (let i = 0; i < changes.length; i += MAX_PUSH_CHANGES) {
      await call(this.baseUrl, '/api/sync/push', {
        token: this.token,
        body: { deviceId: this.deviceId, changes: changes.slice(i, i + MAX_PUSH_CHANGES) },
      });
    }
  }
}

function fieldsOf(row: object): Record<string, unknown> {
  const { id: _i, villageId: _v, updatedAt: _u, ...fields } = row as Record<string, unknown>;
  return fields;
}

export interface SeededVillage {
  villageId: string;
  name: string;
  households: number;
  residents: number;
  /** Zero unless seeded with `fieldWork`. */
  visits: number;
  assists: number;
  classes: number;
  attendance: number;
  /** Every row pushed, the village's own included. */
  records: number;
}

/** One generated village as rows by table, in the order the server accepts them (pointers last). */
export interface VillageRows {
  villageId: string;
  /** The village row's fields. */
  village: Record<string, unknown>;
  register: Array<{ table: 'households' | 'residents'; id: string; fields: Record<string, unknown> }>;
  /** Classes before visits, assists and attendance: the server refuses a pointer into the unknown. */
  fieldWork: Array<{
    table: 'classes' | 'visits' | 'assists' | 'attendance';
    id: string;
    fields: Record<string, unknown>;
  }>;
}

/** The demo generator's village (core/demo-data.ts) as rows to push; `households` sets its size. */
export function villageRows(options: { name: string; households: number; seed?: number }): VillageRows {
  const [generated] = generateDemoData({
    now: new Date(),
    newId,
    collectedBy: 'Tổ viên',
    villageCount: 1,
    householdsPerVillage: options.households,
    seed: options.seed ?? 7,
  });
  if (!generated) throw new Error('no village generated');
  const { demo: _demo, ...village } = generated.village;
  const rows = <T extends string>(table: T, list: readonly object[]) =>
    list.map((row) => ({ table, id: (row as { id: string }).id, fields: fieldsOf(row) }));
  return {
    villageId: generated.village.id,
    village: fieldsOf({ ...village, name: options.name }),
    register: [...rows('households', generated.households), ...rows('residents', generated.residents)],
    fieldWork: [
      ...rows('classes', generated.classes),
      ...rows('visits', generated.visits),
      ...rows('assists', generated.assists),
      ...rows('attendance', generated.attendance),
    ],
  };
}

/**
 * Pushes one village (as the commune) and `households` households with their residents, and with
 * `fieldWork` the village's visits, assists, classes and attendance too: 2,000 households then make the
 * village-sized data set of DESIGN §6 (~8,000 residents, ~10,000 visits and assists, ~20,000 records).
 */
export async function seedVillage(
  baseUrl: string,
  communeToken: string,
  options: { name: string; households: number; seed?: number; fieldWork?: boolean },
): Promise<SeededVillage> {
  const data = villageRows(options);
  const pusher = new Pusher(baseUrl, communeToken);
  const { villageId } = data;
  await pusher.push([pusher.change('villages', villageId, villageId, data.village)]);
  const pushed = [...data.register, ...(options.fieldWork ? data.fieldWork : [])];
  await pusher.push(pushed.map((row) => pusher.change(row.table, row.id, villageId, row.fields)));
  const count = (table: string) =>
    options.fieldWork ? data.fieldWork.filter((row) => row.table === table).length : 0;
  return {
    villageId,
    name: options.name,
    households: data.register.filter((row) => row.table === 'households').length,
    residents: data.register.filter((row) => row.table === 'residents').length,
    visits: count('visits'),
    assists: count('assists'),
    classes: count('classes'),
    attendance: count('attendance'),
    records: 1 + pushed.length,
  };
}
