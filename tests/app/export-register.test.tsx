/**
 * The register's export (issue 17, item 6), from the panel's buttons to the file handed to the browser:
 * the XLSX read back with SheetJS holds the register's rows, the CSV starts with the UTF-8 BOM, the
 * export is recorded on the server before the file exists, and a commune-wide export without a
 * connection makes no file and says why.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { ExportPanel } from '../../src/app/features/register-io/ExportPanel';
import { communeToday } from '../../src/app/state/commune-clock';
import { sendExportRecords } from '../../src/app/sync/export-records';
import { householdInput, putVillage, residentInput, signIn, VILLAGE_ID } from './fixtures';

const OTHER_VILLAGE = '0191f5a0-0000-7000-8000-000000000009';
const NOT_ON_PHONE = '0191f5a0-0000-7000-8000-00000000000f';
const HEADER = [
  'STT',
  'Mã hộ',
  'Họ tên chủ hộ',
  'Xóm/Ngõ',
  'Địa chỉ',
  'Số nhân khẩu',
  'Hộ nghèo',
  'Họ và tên',
  'Năm sinh',
  'Ghi chú',
];

/**
 * Thôn Nà Pài, walked Xóm Trên first (the team's lane order): Bắc (placed first in the lane) and Tâm
 * (poor, two people, one of them deleted), then Xóm Dưới: Mai, with nobody recorded. A deleted house
 * is left out.
 */
async function seedVillage() {
  await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
  await getDb().villages.update(VILLAGE_ID, { laneOrder: ['Xóm Trên', 'Xóm Dưới'] });
  const add = (label: string, lane: string, extra = {}) =>
    householdRepository.create(VILLAGE_ID, householdInput({ label, lane, address: undefined, ...extra }));
  const mai = await add('Lý Thị Mai', 'Xóm Dưới', { membersCount: 1 });
  const tam = await add('Nông Văn Tâm', 'Xóm Trên', {
    membersCount: 3,
    poor: true,
    notes: 'Gọi, trước khi đến',
  });
  const bac = await add('Hoàng Văn Bắc', 'Xóm Trên', { membersCount: 1, walkOrder: 1 });
  const gone = await add('Hộ đã chuyển', 'Xóm Trên');
  await householdRepository.remove(gone.id);
  const person = (householdId: string, name: string, birthYear: number) =>
    residentRepository.create(VILLAGE_ID, residentInput(householdId, { name, birthYear }));
  await person(tam.id, 'Nông Thị Hoa', 1990);
  await person(tam.id, 'Nông Văn Tâm', 1958);
  const left = await person(tam.id, 'Nông Văn Bình', 2015);
  await residentRepository.remove(left.id);
  await person(bac.id, 'Hoàng Văn Bắc', 1970);
  return { mai };
}

const EXPECTED = [
  HEADER,
  [1, 1, 'Hoàng Văn Bắc', 'Xóm Trên', '', 1, '', 'Hoàng Văn Bắc', 1970, ''],
  [2, 2, 'Nông Văn Tâm', 'Xóm Trên', '', 3, 'x', 'Nông Văn Tâm', 1958, 'Gọi, trước khi đến'],
  [3, 2, 'Nông Văn Tâm', 'Xóm Trên', '', 3, 'x', 'Nông Thị Hoa', 1990, 'Gọi, trước khi đến'],
  [4, 3, 'Lý Thị Mai', 'Xóm Dưới', '', 1, '', '', '', ''],
];

const json = (data: unknown, status = 201) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });

let fetchMock: Mock<(url: string, init?: RequestInit) => Promise<Response>>;
let createObjectURL: Mock<(blob: Blob) => string>;
let clickedNames: string[];

beforeEach(() => {
  fetchMock = vi.fn(async () => json({ ok: true }));
  vi.stubGlobal('fetch', fetchMock);
  createObjectURL = vi.fn(() => 'blob:ngo-so/export');
  // jsdom has no object URLs and no downloads: the blob and the link's name are what a browser gets.
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = vi.fn();
  clickedNames = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clickedNames.push(this.download);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function savedBlob(): Blob {
  expect(createObjectURL).toHaveBeenCalledTimes(1);
  return createObjectURL.mock.calls[0]?.[0] as Blob;
}

/** jsdom's Blob is not Node's (no stream() for Response): FileReader is how jsdom reads one. */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

async function readWorkbook(blob: Blob) {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.read(await bytesOf(blob), { type: 'array' });
  return {
    names: book.SheetNames,
    rows: (name: string) =>
      XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name] as never, {
        header: 1,
        defval: '',
        blankrows: false,
      }),
  };
}

function exportsPosted(): Record<string, unknown>[] {
  return fetchMock.mock.calls
    .filter(([url]) => url === '/api/exports')
    .map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);
}

async function click(name: string) {
  await userEvent.setup().click(screen.getByRole('button', { name }));
}

describe('ExportPanel', () => {
  it('downloads a village’s register as an XLSX that reads back as its rows, recorded first', async () => {
    await seedVillage();
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000a1', role: 'lead', villageIds: [VILLAGE_ID] });
    render(<ExportPanel villageIds={[VILLAGE_ID]} scope="village" />);
    expect(await screen.findByText(/Sổ hộ của Thôn Nà Pài/)).toBeVisible();
    expect(
      screen.getByText('Không có số điện thoại, giới tính, dân tộc, nhóm đối tượng và thông tin đồng ý.'),
    ).toBeVisible();

    await click('Tải về Excel (.xlsx)');
    const fileName = `so-ho-thon-na-pai-${communeToday()}.xlsx`;
    expect(await screen.findByText(`Đã tạo tệp ${fileName}: 3 hộ, 3 người.`)).toBeVisible();

    const blob = savedBlob();
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await readWorkbook(blob);
    expect(book.names).toEqual(['Thôn Nà Pài']);
    expect(book.rows('Thôn Nà Pài')).toEqual(EXPECTED);
    expect(clickedNames).toEqual([fileName]);
    expect(exportsPosted()).toEqual([
      { scope: 'village', villageIds: [VILLAGE_ID], format: 'xlsx', households: 3, residents: 3 },
    ]);
    expect(fetchMock.mock.invocationCallOrder[0]).toBeLessThan(
      createObjectURL.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('downloads a CSV that starts with the UTF-8 BOM, even offline for one village', async () => {
    await seedVillage();
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000a1', role: 'lead', villageIds: [VILLAGE_ID] });
    render(<ExportPanel villageIds={[VILLAGE_ID]} scope="village" />);

    await click('Tải về CSV');
    expect(await screen.findByText(/^Đã tạo tệp so-ho-thon-na-pai-.*\.csv: 3 hộ, 3 người\.$/)).toBeVisible();
    const blob = savedBlob();
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = await bytesOf(blob);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')).toEqual([
      `\uFEFF${HEADER.join(',')}`,
      '1,1,Hoàng Văn Bắc,Xóm Trên,,1,,Hoàng Văn Bắc,1970,',
      '2,2,Nông Văn Tâm,Xóm Trên,,3,x,Nông Văn Tâm,1958,"Gọi, trước khi đến"',
      '3,2,Nông Văn Tâm,Xóm Trên,,3,x,Nông Thị Hoa,1990,"Gọi, trước khi đến"',
      '4,3,Lý Thị Mai,Xóm Dưới,,1,,,,',
      '',
    ]);
    expect(fetchMock).toHaveBeenCalled();
    // Unrecorded for now: kept on the phone, and the next sync records it (DESIGN §7).
    fetchMock.mockReset();
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ ok: true }), { status: 201 }));
    await sendExportRecords('tok');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/exports');
    expect(JSON.parse(String(init.body))).toEqual({
      scope: 'village',
      villageIds: [VILLAGE_ID],
      format: 'csv',
      households: 3,
      residents: 3,
    });
    await sendExportRecords('tok');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('exports the whole commune as one sheet per village, once the server has recorded it', async () => {
    await seedVillage();
    await putVillage(OTHER_VILLAGE, 'Thôn Bản Mới');
    const h = await householdRepository.create(
      OTHER_VILLAGE,
      householdInput({ label: 'Hà Văn Mạnh', lane: undefined, address: undefined, membersCount: 1 }),
    );
    await residentRepository.create(
      OTHER_VILLAGE,
      residentInput(h.id, { name: 'Hà Văn Mạnh', birthYear: 1980 }),
    );
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000cc', role: 'commune', villageIds: [] });
    // A village this phone does not hold is neither in the file nor in the record.
    render(<ExportPanel villageIds={[VILLAGE_ID, OTHER_VILLAGE, NOT_ON_PHONE]} scope="commune" />);

    await click('Tải về Excel (.xlsx)');
    expect(
      await screen.findByText(`Đã tạo tệp so-ho-toan-xa-${communeToday()}.xlsx: 4 hộ, 4 người.`),
    ).toBeVisible();
    const book = await readWorkbook(savedBlob());
    expect(book.names).toEqual(['Thôn Bản Mới', 'Thôn Nà Pài']);
    expect(book.rows('Thôn Nà Pài')).toEqual(EXPECTED);
    expect(book.rows('Thôn Bản Mới')).toEqual([
      HEADER,
      [1, 1, 'Hà Văn Mạnh', '', '', 1, '', 'Hà Văn Mạnh', 1980, ''],
    ]);
    expect(exportsPosted()).toEqual([
      {
        scope: 'commune',
        villageIds: [OTHER_VILLAGE, VILLAGE_ID],
        format: 'xlsx',
        households: 4,
        residents: 4,
      },
    ]);
  });

  it('refuses a commune-wide export offline, saying why, and makes no file', async () => {
    await seedVillage();
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000cc', role: 'commune', villageIds: [] });
    render(<ExportPanel villageIds={[VILLAGE_ID]} scope="commune" />);

    await click('Tải về CSV');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Chưa tải được: cần có mạng để tải sổ hộ của cả xã, vì mỗi lần tải được ghi vào nhật ký của máy chủ.',
    );
    expect(fetchMock).toHaveBeenCalled();
    expect(createObjectURL).not.toHaveBeenCalled();
    expect(clickedNames).toEqual([]);
  });

  it('makes no commune-wide file when the server cannot record it', async () => {
    await seedVillage();
    fetchMock.mockResolvedValue(json({ error: { code: 'db_unavailable', message: 'down' } }, 503));
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000cc', role: 'commune', villageIds: [] });
    render(<ExportPanel villageIds={[VILLAGE_ID]} scope="commune" />);

    await click('Tải về Excel (.xlsx)');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'máy chủ chưa ghi được lần tải này vào nhật ký (server_error)',
    );
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('makes no file of a village the server says the account may no longer see', async () => {
    await seedVillage();
    fetchMock.mockResolvedValue(json({ error: { code: 'forbidden', message: 'no' } }, 403));
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000a1', role: 'lead', villageIds: [VILLAGE_ID] });
    render(<ExportPanel villageIds={[VILLAGE_ID]} scope="village" />);

    await click('Tải về CSV');
    expect(await screen.findByRole('alert')).toHaveTextContent('tài khoản của bạn không được tải sổ hộ này');
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('offers members nothing to download', async () => {
    await seedVillage();
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000b1', role: 'member', villageIds: [VILLAGE_ID] });
    render(<ExportPanel villageIds={[VILLAGE_ID]} scope="village" />);
    expect(screen.getByText('Chỉ tổ trưởng và cán bộ xã được tải sổ hộ về máy.')).toBeVisible();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
