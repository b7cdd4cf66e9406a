/**
 * The register import on the phone (issue 17): a file through the screen to IndexedDB. Nothing is
 * written before the confirm; what is written never holds an ID-card number or a full date of birth
 * (asserted on the stored rows and the outbox entries); a write failing midway leaves the register
 * and the outbox exactly as they were; an import can be undone while it has not synced; and an
 * exported village imported back creates and changes nothing.
 */
import * as XLSX from '@e965/xlsx';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, type ResidentRow } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { importRepository } from '../../src/app/db/import-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { importWorkerApi } from '../../src/app/features/register-io/import-api';
import { setImportWorkerFactoryForTests } from '../../src/app/features/register-io/import-client';
import { registerRows } from '../../src/core/import/register-export';
import { householdInput, putVillage, residentInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const OTHER_VILLAGE = '0191f5a0-0000-7000-8000-000000000009';

function xlsxFile(rows: unknown[][], name = 'danh-sach.xlsx', merges: XLSX.Range[] = []): File {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  if (merges.length > 0) sheet['!merges'] = merges;
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Thôn Nà Pài');
  const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return new File([bytes], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

/** A village list as a commune keeps it: title, a two-row header with an ID-card column, a total. */
const LIST: unknown[][] = [
  ['DANH SÁCH HỘ GIA ĐÌNH THÔN NÀ PÀI'],
  ['STT', 'Số hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Ngày sinh', 'Số CCCD', 'Xóm', 'Ghi chú'],
  [1, 1, 'Nông Văn Tâm', 'Chủ hộ', '12/03/1958', '001058012345', 'Xóm Nà Pài', null],
  [2, null, 'Hoàng Thị Lan', 'Vợ', '05/11/1960', '001160012346', 'Xóm Nà Pài', null],
  [3, 2, 'Lý Văn Mạnh', 'Chủ hộ', '1971', '001071012347', 'Xóm Trên', 'Hỏi CCCD 001071099999'],
  [4, null, 'Lý Thị Hồng', 'Con', '2002', null, 'Xóm Trên', null],
  [5, 3, 'Vi Văn Sáu', 'Chủ hộ', '1949', null, 'Xóm Trên', 'Nhà gần suối'],
  ['Tổng cộng: 3 hộ'],
];

async function snapshot() {
  const db = getDb();
  return {
    households: await db.households.toArray(),
    residents: await db.residents.toArray(),
    outbox: (await db.outbox.toArray()).map(({ createdAt: _c, ...e }) => e),
  };
}

/** The confirm button once the preview for the current mapping and choices is in (enabled). */
/**
 * The confirm button once it may be pressed. Asked afresh on every try: a new preview (a column
 * remapped) can render a new button, and holding the first one waited on a detached, disabled node
 * until the time ran out on a busy machine.
 */
async function confirmButton(name: RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const button = screen.getByRole('button', { name });
    expect(button).toBeEnabled();
    return button;
  });
}

async function openImport(file: File) {
  const user = userEvent.setup();
  renderAt(`/v/${VILLAGE_ID}/import`);
  const input = await screen.findByLabelText('Chọn tệp danh sách');
  await user.upload(input, file);
  return user;
}

beforeEach(async () => {
  setImportWorkerFactoryForTests(() => ({ api: importWorkerApi(), terminate: () => {} }));
  await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
  await putVillage(OTHER_VILLAGE, 'Thôn Khác');
  signIn({ id: '0191f5a0-0000-7000-8000-0000000000aa', role: 'lead', villageIds: [VILLAGE_ID] });
  localStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importing a village list', () => {
  it('previews before writing, then stores households without any ID number or date of birth', async () => {
    const user = await openImport(xlsxFile(LIST));
    const counts = await screen.findByTestId('import-counts');
    expect(counts).toHaveTextContent('3 hộ mới, 4 người');
    expect(screen.getByTestId('import-privacy')).toHaveTextContent(
      'Cột “Số CCCD” (trang Thôn Nà Pài) sẽ không được nhập',
    );
    expect(screen.getByTestId('import-privacy')).toHaveTextContent(
      '2 ngày sinh đầy đủ chỉ được giữ lại năm sinh',
    );
    expect(screen.getByTestId('import-issues')).toHaveTextContent('Trang Thôn Nà Pài, dòng 5, cột “Ghi chú”');
    // A lead imports into her own village only.
    expect(screen.getByLabelText('Nhập vào thôn')).toHaveTextContent('Thôn Nà Pài');
    expect(screen.getByLabelText('Nhập vào thôn')).not.toHaveTextContent('Thôn Khác');
    expect(await getDb().households.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Nhập 3 hộ và 4 người' }));
    expect(await screen.findByTestId('import-summary')).toHaveTextContent(
      'Đã thêm 3 hộ và 4 người; cập nhật 0 hộ',
    );

    const { households, residents, outbox } = await snapshot();
    expect(households.map((h) => [h.label, h.lane, h.membersCount, h.notes]).sort()).toEqual([
      ['Lý Thị Hồng', 'Xóm Trên', 1, undefined],
      ['Nông Văn Tâm', 'Xóm Nà Pài', 2, undefined],
      // A note in a list of people is about one person: not kept (it could hold anything personal).
      ['Vi Văn Sáu', 'Xóm Trên', 1, undefined],
    ]);
    expect(residents.map((r) => [r.name, r.birthYear]).sort()).toEqual([
      ['Hoàng Thị Lan', 1960],
      ['Lý Thị Hồng', 2002],
      ['Nông Văn Tâm', 1958],
      ['Vi Văn Sáu', 1949],
    ]);
    expect(outbox).toHaveLength(7);
    const stored = JSON.stringify({ households, residents, outbox });
    for (const id of ['001058012345', '001160012346', '001071012347', '001071099999'])
      expect(stored).not.toContain(id);
    for (const date of ['12/03/1958', '05/11/1960', '1958-03-12']) expect(stored).not.toContain(date);
    expect(
      residents.every((r) => r.sex === undefined && r.phone === undefined && r.consent === undefined),
    ).toBe(true);
  });

  it('a write that fails midway leaves the register and the outbox exactly as before', async () => {
    const existing = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ có sẵn' }));
    await residentRepository.create(VILLAGE_ID, residentInput(existing.id));
    const before = await snapshot();
    const user = await openImport(xlsxFile(LIST));
    await screen.findByTestId('import-counts');
    // The residents' bulk write fails after the households were stored in the same transaction.
    // db.residents is a second handle on the table: the writer goes through db.table().
    const table = getDb().table<ResidentRow, string>('residents');
    const original = table.bulkPut.bind(table);
    vi.spyOn(table, 'bulkPut').mockImplementation(((...args: Parameters<typeof original>) =>
      original(...args).then(() => {
        throw new Error('QuotaExceededError');
      })) as unknown as typeof table.bulkPut);
    await user.click(await confirmButton(/^Nhập 3 hộ/));
    expect(await screen.findByRole('alert')).toHaveTextContent('Chưa có gì được ghi, sổ vẫn như trước');
    vi.restoreAllMocks();
    expect(await snapshot()).toEqual(before);
    expect(await importRepository.last()).toBeUndefined();
  });

  it('undoes the whole import while none of it has synced', async () => {
    const kept = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ có sẵn' }));
    const before = await snapshot();
    const user = await openImport(xlsxFile(LIST));
    await user.click(await confirmButton(/^Nhập 3 hộ/));
    await user.click(await screen.findByRole('button', { name: 'Hoàn tác cả lần nhập này' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Hoàn tác cả lần nhập này' }));
    expect(
      await screen.findByText('Đã hoàn tác: không còn gì của lần nhập này trên máy.'),
    ).toBeInTheDocument();
    expect(await snapshot()).toEqual(before);
    expect((await getDb().households.get(kept.id))?.label).toBe('Hộ có sẵn');
  });

  it('refuses the undo once part of the import has reached the server', async () => {
    const user = await openImport(xlsxFile(LIST));
    await user.click(await confirmButton(/^Nhập 3 hộ/));
    await screen.findByTestId('import-summary');
    const record = await importRepository.last();
    // What a push acknowledges leaves the outbox.
    const first = await getDb().outbox.orderBy('seq').first();
    await getDb().outbox.delete(first?.seq as number);
    expect(await importRepository.undo(record?.id as string)).toBe('synced');
    expect(await getDb().households.count()).toBe(3);
  });

  it('a member cannot import', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000bb', role: 'member', villageIds: [VILLAGE_ID] });
    renderAt(`/v/${VILLAGE_ID}/import`);
    expect(
      await screen.findByText('Chỉ cán bộ xã và tổ trưởng mới nhập được danh sách.'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Chọn tệp danh sách')).toBeNull();
  });

  it('says plainly when the file is not a spreadsheet, and writes nothing', async () => {
    await openImport(
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'anh.xlsx'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Tệp này không phải bảng tính Excel hay CSV');
    expect(await getDb().outbox.count()).toBe(0);
  });
});

describe('duplicates against the register and the round trip', () => {
  async function seed() {
    const tam = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ label: 'Nông Văn Tâm', lane: 'Xóm Nà Pài', address: undefined, membersCount: 2 }),
    );
    await residentRepository.create(
      VILLAGE_ID,
      residentInput(tam.id, { name: 'Nông Văn Tâm', birthYear: 1958 }),
    );
    return tam;
  }

  it('skip (the default) writes nothing for a household already there; update adds its new people', async () => {
    const tam = await seed();
    const user = await openImport(xlsxFile(LIST));
    const duplicates = await screen.findByTestId('import-duplicates');
    expect(duplicates).toHaveTextContent('Đã có trong sổ của thôn');
    expect(screen.getByTestId('import-counts')).toHaveTextContent('2 hộ mới, 2 người');
    await user.click(within(duplicates).getByRole('radio', { name: 'Cập nhật hộ đã có' }));
    await waitFor(() => expect(screen.getByTestId('import-counts')).toHaveTextContent('2 hộ mới, 3 người'));
    expect(screen.getByTestId('import-counts')).toHaveTextContent('1 hộ đã có sẽ được cập nhật');
    await user.click(await confirmButton(/^Nhập 2 hộ/));
    await screen.findByTestId('import-summary');
    const people = await getDb().residents.where('householdId').equals(tam.id).toArray();
    expect(people.map((r) => r.name).sort()).toEqual(['Hoàng Thị Lan', 'Nông Văn Tâm']);
    expect(await getDb().households.count()).toBe(3);
  });

  it('add imports the look-alike as a new household', async () => {
    await seed();
    const user = await openImport(xlsxFile(LIST));
    const duplicates = await screen.findByTestId('import-duplicates');
    await user.click(within(duplicates).getByRole('radio', { name: 'Thêm như hộ mới' }));
    await waitFor(() => expect(screen.getByTestId('import-counts')).toHaveTextContent('3 hộ mới, 4 người'));
  });

  it('an exported village imported back creates nothing and changes nothing', async () => {
    const tam = await seed();
    const other = await householdRepository.create(
      VILLAGE_ID,
      householdInput({
        label: 'Lò Thị Mỷ',
        lane: 'Xóm Trên',
        membersCount: 1,
        poor: true,
        notes: 'Hộ neo đơn',
      }),
    );
    await residentRepository.create(
      VILLAGE_ID,
      residentInput(other.id, { name: 'Lò Thị Mỷ', birthYear: 1940 }),
    );
    const db = getDb();
    const village = await db.villages.get(VILLAGE_ID);
    const rows = registerRows(
      village as NonNullable<typeof village>,
      await db.households.toArray(),
      await db.residents.toArray(),
    );
    const before = await snapshot();
    const user = await openImport(xlsxFile(rows as unknown[][], 'so-ho.xlsx'));
    await screen.findByTestId('import-duplicates');
    for (const choice of ['Bỏ qua', 'Cập nhật hộ đã có'] as const) {
      await user.click(screen.getByRole('button', { name: choice }));
      await waitFor(() => expect(screen.getByText('Không có gì để nhập.')).toBeInTheDocument());
    }
    expect(await snapshot()).toEqual(before);
    expect(tam.id).toBeTruthy();
  });
});

describe('the column mapping and the sheets', () => {
  it('is proposed from the headers, editable, and remembered for the next file of the same shape', async () => {
    const rows = [
      ['STT', 'Họ tên chủ hộ', 'Năm sinh', 'Vị trí'],
      [1, 'Nông Văn Tâm', 1958, 'Xóm Nà Pài'],
      [2, 'Lý Văn Mạnh', 1971, 'Xóm Trên'],
    ];
    const user = await openImport(xlsxFile(rows));
    await screen.findByTestId('import-counts');
    const column = screen.getByLabelText('Vị trí');
    expect(column).toHaveValue('ignore');
    await user.selectOptions(column, 'lane');
    await user.click(await confirmButton(/^Nhập 2 hộ/));
    await screen.findByTestId('import-summary');
    expect((await getDb().households.toArray()).map((h) => h.lane).sort()).toEqual([
      'Xóm Nà Pài',
      'Xóm Trên',
    ]);

    await user.click(screen.getByRole('link', { name: 'Mở danh sách hộ của thôn' }));
    await user.click(await screen.findByRole('link', { name: 'Nhập / xuất danh sách Excel' }));
    await user.upload(
      await screen.findByLabelText('Chọn tệp danh sách'),
      xlsxFile([rows[0] as unknown[], [1, 'Vi Văn Sáu', 1949, 'Xóm Dưới']]),
    );
    await screen.findByTestId('import-counts');
    expect(screen.getByText('Đã dùng cách hiểu cột đã lưu cho mẫu tệp này.')).toBeInTheDocument();
    expect(screen.getByLabelText('Vị trí')).toHaveValue('lane');
  });

  it('a commune officer sends each sheet to the village it names', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000cc', role: 'commune', villageIds: [] });
    const book = XLSX.utils.book_new();
    const header = ['STT', 'Họ tên chủ hộ', 'Năm sinh'];
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([header, [1, 'Nông Văn Tâm', 1958]]),
      'Thôn Nà Pài',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([header, [1, 'Lò Văn Dũng', 1980], [2, 'Lò Thị Ngà', 1985]]),
      'Thôn Khác',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([['Hướng dẫn: ghi mỗi hộ một dòng']]),
      'Hướng dẫn',
    );
    const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    const user = await openImport(new File([bytes], 'toan-xa.xlsx'));
    expect(await screen.findByTestId('import-counts')).toHaveTextContent('3 hộ mới, 3 người');
    expect(screen.getByText('Trang “Hướng dẫn” không có bảng danh sách, sẽ bỏ qua.')).toBeInTheDocument();
    await user.click(await confirmButton(/^Nhập 3 hộ/));
    await screen.findByTestId('import-summary');
    const byVillage = async (id: string) =>
      (await getDb().households.where('villageId').equals(id).toArray()).map((h) => h.label).sort();
    expect(await byVillage(VILLAGE_ID)).toEqual(['Nông Văn Tâm']);
    expect(await byVillage(OTHER_VILLAGE)).toEqual(['Lò Thị Ngà', 'Lò Văn Dũng']);
    // An import over two villages is undone whole too.
    await user.click(await screen.findByRole('button', { name: 'Hoàn tác cả lần nhập này' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Hoàn tác cả lần nhập này' }),
    );
    await screen.findByText('Đã hoàn tác: không còn gì của lần nhập này trên máy.');
    expect(await getDb().households.count()).toBe(0);
  });
});

describe('sheets a lead may not import', () => {
  it('holds back another team’s village, a village not on record and a hidden sheet, and says why', async () => {
    const book = XLSX.utils.book_new();
    const header = ['STT', 'Họ tên chủ hộ', 'Năm sinh'];
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([header, [1, 'Nông Văn Tâm', 1958]]),
      'Thôn Nà Pài',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([header, [1, 'Lò Văn Dũng', 1980]]),
      'Thôn Khác',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([header, [1, 'Mai Văn Phúc', 1975]]),
      'Thôn Bắc',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([header, [1, 'Bản cũ 2019', 1950]]),
      'Cũ 2019',
    );
    book.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 0 }, { Hidden: 0 }, { Hidden: 1 }] };
    const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    const user = await openImport(new File([bytes], 'toan-xa.xlsx'));
    expect(await screen.findByTestId('import-counts')).toHaveTextContent('1 hộ mới, 1 người');
    const held = screen.getAllByTestId('sheet-held').map((p) => p.textContent);
    expect(held).toEqual([
      'Trang này là của Thôn Khác, thôn bạn không được nhập: chưa chọn nhập.',
      'Không có thôn nào tên “Thôn Bắc”: chưa chọn nhập. Đánh dấu và chọn thôn nếu đúng.',
      'Trang này bị ẩn trong tệp (có thể là bản cũ): chưa chọn nhập. Đánh dấu nếu cần.',
    ]);
    await user.click(await confirmButton(/^Nhập 1 hộ/));
    await screen.findByTestId('import-summary');
    expect((await getDb().households.toArray()).map((h) => [h.label, h.villageId])).toEqual([
      ['Nông Văn Tâm', VILLAGE_ID],
    ]);
  });
});
