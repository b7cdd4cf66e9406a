/**
 * Forms save what the person changed against what they saw (issue 13, kind 4), name every refusal
 * (kind 8), and keep typed work across leaving the page (kind 9).
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { useSettings } from '../../src/app/state/settings-store';
import { applyPulledPage } from '../../src/app/sync/apply-pulled';
import { useSession } from '../../src/app/sync/session';
import type { Change } from '../../src/core/changes';
import { initialHlc } from '../../src/core/hlc';
import { encodeClocks, type WireRow } from '../../src/core/sync/protocol';
import { mergeBatch, rowKey, SERVER_NODE, type StoredRow } from '../../src/core/sync/server-merge';
import { householdInput, residentInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const TEAMMATE = '009000000000000:00000:bbbbbbbbbbbbbbbb';
// Defined by Vite at build time; the settings page prints it.
vi.stubGlobal('__APP_VERSION__', 'test');

/** A teammate's edit of some fields arriving by sync, as the pull applies it. */
async function teammateEdits(id: string, fields: Record<string, unknown>, seq: number) {
  const row = (await getDb().households.get(id)) as unknown as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const clocks: Record<string, string> = { ...(row.clocks as Record<string, string>) };
  for (const [field, value] of Object.entries(fields)) {
    values[field] = value;
    clocks[field] = TEAMMATE;
  }
  const wire: WireRow = {
    t: 'households',
    i: id,
    g: VILLAGE_ID,
    s: seq,
    d: values,
    ...encodeClocks(Object.fromEntries(Object.keys(fields).map((f) => [f, TEAMMATE]))),
  };
  await applyPulledPage([wire], seq);
}

/**
 * The page going away as the last key is typed: IndexedDB writes started from now on are never
 * committed (a reload or Back to another document cuts them off). Returns the way back to normal.
 */
function indexedDbWritesCutOff(): () => void {
  const put = vi.spyOn(getDb().drafts, 'put').mockImplementation(() => new Promise(() => {}) as never);
  return () => put.mockRestore();
}

/** Whether any of the tab's sessionStorage still holds `text` (a copy of typed, personal data). */
function tabStorageHolds(text: string): boolean {
  return Object.keys(sessionStorage).some((k) => (sessionStorage.getItem(k) ?? '').includes(text));
}

// sessionStorage outlives a test in jsdom the way it outlives a reload in the browser.
afterEach(() => sessionStorage.clear());

async function lastChange(rowId: string) {
  return (await getDb().outbox.where('rowId').equals(rowId).sortBy('seq')).at(-1);
}

describe('a form saves what the person changed, against what they saw (kind 4)', () => {
  it('keeps a teammate’s 5 members when the open form only adds a note', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ membersCount: 4 }));
    const created = (await getDb().households.get(h.id))?.clocks?.notes;
    expect(created).toBeUndefined();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    const notes = await screen.findByLabelText('Ghi chú');
    await teammateEdits(h.id, { membersCount: 5 }, 1);
    await user.type(notes, 'Nhà có cụ 90 tuổi');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(async () => expect((await getDb().households.get(h.id))?.notes).toBe('Nhà có cụ 90 tuổi'));
    expect((await getDb().households.get(h.id))?.membersCount).toBe(5);
    const change = await lastChange(h.id);
    expect(change?.fields).toEqual({ notes: 'Nhà có cụ 90 tuổi' });
    expect(change?.base).toEqual({ notes: null });
  });

  it('the same field changed underneath: saves mine, tells me, and the server keeps theirs in the conflict log', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nông Văn Tâm' }));
    const seenClock = (await getDb().households.get(h.id))?.clocks?.label as string;
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    const label = await screen.findByLabelText('Tên chủ hộ');
    await teammateEdits(h.id, { label: 'Nông Văn Tâm (trưởng thôn)' }, 1);
    await user.clear(label);
    await user.type(label, 'Nông Văn Tâm (bố)');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText(/người khác cũng đã đổi: Tên chủ hộ/)).toBeInTheDocument();
    const change = (await lastChange(h.id)) as Change;
    expect(change.fields).toEqual({ label: 'Nông Văn Tâm (bố)' });
    expect(change.base).toEqual({ label: seenClock });

    // On the server, which already has the teammate's value: mine wins, theirs goes to the log.
    const stored: StoredRow = {
      table: 'households',
      id: h.id,
      villageId: VILLAGE_ID,
      state: { values: { label: 'Nông Văn Tâm (trưởng thôn)' }, clocks: { label: TEAMMATE } },
      seq: 1,
    };
    const out = mergeBatch({
      changes: [change],
      rows: new Map([[rowKey('households', h.id), stored]]),
      known: new Set(),
      lastSeq: 1,
      serverClock: initialHlc(SERVER_NODE),
      now: Date.now(),
    });
    expect(out.rows[0]?.state.values.label).toBe('Nông Văn Tâm (bố)');
    expect(out.conflicts.map((c) => c.value)).toEqual(['Nông Văn Tâm (trưởng thôn)']);
  });

  it('a resident form open while consent details change keeps both: only the edited field is written', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const r = await residentRepository.create(VILLAGE_ID, residentInput(h.id, { name: 'Hoàng Thị Lan' }));
    const seen = await getDb().residents.get(r.id);
    await residentRepository.update(r.id, residentInput(h.id, { name: 'Hoàng Thị Lan', hasChipId: false }));
    const { row, overwritten } = await residentRepository.update(
      r.id,
      residentInput(h.id, { name: 'Hoàng Thị Lan (Bà)' }),
      seen,
    );
    expect(row).toMatchObject({ name: 'Hoàng Thị Lan (Bà)', hasChipId: false });
    expect(overwritten).toEqual([]);
    expect((await lastChange(r.id))?.fields).toEqual({ name: 'Hoàng Thị Lan (Bà)' });
  });
});

describe('every refusal names its field (kind 8)', () => {
  it('a met visit to a household of 31 residents, all ticked, is saved', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ membersCount: 31 }));
    for (let i = 0; i < 31; i++)
      await residentRepository.create(VILLAGE_ID, residentInput(h.id, { name: `Người ${i + 1}` }));
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
    const boxes = within(screen.getByRole('group', { name: /Đã giúp ai/ })).getAllByRole('checkbox');
    expect(boxes).toHaveLength(31);
    for (const box of boxes) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect((await getDb().visits.toArray())[0]?.residentIds).toHaveLength(31));
    expect(screen.queryByTestId('form-errors')).not.toBeInTheDocument();
  });

  it('a rule with no field of its own on the form (the recorder’s name from Settings) is named, and Settings says it where it is typed', async () => {
    const tooLong = 'Nguyễn '.repeat(20).trim();
    useSettings.setState({ memberName: tooLong });
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Hẹn quay lại' }));
    await user.click(screen.getByRole('button', { name: /1 tuần nữa/ }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByTestId('form-errors')).toHaveTextContent('Người ghé: Nội dung quá dài.');
    expect(await getDb().visits.count()).toBe(0);
    cleanup();

    renderAt('/settings');
    const field = await screen.findByLabelText('Tên của bạn (tổ viên)');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    useSettings.setState({ memberName: '' });
  });
});

describe('typed work survives leaving the page (kind 9)', () => {
  it('a new household’s name and notes come back after leaving and reopening (Back, or a reload)', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Triệu Văn Sơn');
    await user.type(screen.getByLabelText('Ghi chú'), 'Hộ mới chuyển đến');
    cleanup(); // the page is gone: Back, or Android discarding the tab

    renderAt(`/v/${VILLAGE_ID}/h/new`);
    expect(await screen.findByTestId('draft-restored')).toHaveTextContent(
      'Đã khôi phục nội dung bạn nhập dở',
    );
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('Triệu Văn Sơn');
    expect(screen.getByLabelText('Ghi chú')).toHaveValue('Hộ mới chuyển đến');
    await user.type(screen.getByLabelText('Số nhân khẩu'), '3');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().households.count()).toBe(1));
    expect(await getDb().drafts.count()).toBe(0);
  });

  it('visit notes typed after "Gặp được" come back after Quay lại, with the outcome', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Lò Văn Pằng' }));
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
    await user.type(screen.getByLabelText('Ghi chú'), 'Hẹn con trai về cài giúp');
    await user.click(screen.getByRole('link', { name: /Quay lại/ }));
    await screen.findByRole('link', { name: 'Ghé thăm' });

    await user.click(screen.getByRole('link', { name: 'Ghé thăm' }));
    expect(await screen.findByLabelText('Ghi chú')).toHaveValue('Hẹn con trai về cài giúp');
    expect(screen.getByText(/Kết quả: Gặp được/)).toBeInTheDocument();
  });

  it('keeps nothing when nothing is left to keep: an outcome chosen alone, typing erased again', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
    expect(sessionStorage.length).toBe(0);
    const notes = screen.getByLabelText('Ghi chú');
    await user.type(notes, 'x');
    expect(sessionStorage.length).toBe(1);
    await waitFor(async () => expect(await getDb().drafts.count()).toBe(1));
    await user.clear(notes);
    expect(sessionStorage.length).toBe(0);
    await waitFor(async () => expect(await getDb().drafts.count()).toBe(0));
  });

  it('Hủy asks before throwing typing away, and then it is gone', async () => {
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Bế Văn Khải');
    await user.click(screen.getByRole('button', { name: 'Hủy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bỏ nội dung vừa nhập?' });
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}`));
    await waitFor(async () => expect(await getDb().drafts.count()).toBe(0));
  });

  it('an edit restored from its draft is still saved against what was shown when typing began', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ membersCount: 4 }));
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    await user.type(await screen.findByLabelText('Ghi chú'), 'Ghi trước khi mất sóng');
    cleanup();
    await teammateEdits(h.id, { membersCount: 6 }, 1);

    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    await screen.findByTestId('draft-restored');
    // The form shows the draft (typed against 4 members); saving writes only the note.
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () =>
      expect((await getDb().households.get(h.id))?.notes).toBe('Ghi trước khi mất sóng'),
    );
    expect((await getDb().households.get(h.id))?.membersCount).toBe(6);
    expect((await lastChange(h.id))?.fields).toEqual({ notes: 'Ghi trước khi mất sóng' });
  });

  it('a draft belongs to the account that typed it', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-00000000000a' });
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Của người A');
    cleanup();
    await waitFor(async () => expect(await getDb().drafts.count()).toBe(1));
    signIn({ id: '0191f5a0-0000-7000-8000-00000000000b' });
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await screen.findByLabelText('Tên chủ hộ');
    await waitFor(() => expect(useSession.getState().session?.user.id).toMatch(/0b$/));
    expect(screen.queryByTestId('draft-restored')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('');
  });

  it('the last keystrokes come back after a reload straight after typing, though IndexedDB never got them', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    const label = await screen.findByLabelText('Tên chủ hộ');
    const reconnect = indexedDbWritesCutOff();
    await user.type(label, 'Triệu Văn Sơn');
    await user.type(screen.getByLabelText('Ghi chú'), 'Hộ mới chuyển đến');
    window.dispatchEvent(new Event('pagehide'));
    cleanup(); // a reload at once: no pause for the debounce, and the unload's write is lost too
    expect(await getDb().drafts.count()).toBe(0);
    reconnect();

    renderAt(`/v/${VILLAGE_ID}/h/new`);
    expect(await screen.findByTestId('draft-restored')).toHaveTextContent(
      'Đã khôi phục nội dung bạn nhập dở',
    );
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('Triệu Văn Sơn');
    expect(screen.getByLabelText('Ghi chú')).toHaveValue('Hộ mới chuyển đến');
    // Brought back, the draft is written to IndexedDB (it outlives the tab) and the tab's copy goes.
    await waitFor(async () =>
      expect((await getDb().drafts.toArray())[0]?.values).toMatchObject({
        label: 'Triệu Văn Sơn',
        notes: 'Hộ mới chuyển đến',
      }),
    );
    await waitFor(() => expect(tabStorageHolds('Triệu Văn Sơn')).toBe(false));

    await user.type(screen.getByLabelText('Số nhân khẩu'), '3');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().households.count()).toBe(1));
    expect(await getDb().drafts.count()).toBe(0);
    expect(tabStorageHolds('Triệu Văn Sơn')).toBe(false);
  });

  it('an edit typed and left at once (Back) keeps every character, and is saved against what was shown', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ membersCount: 4 }));
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    const notes = await screen.findByLabelText('Ghi chú');
    const reconnect = indexedDbWritesCutOff();
    await user.type(notes, 'Ghi trước khi mất sóng');
    cleanup(); // the form unmounts on popstate straight after the last key
    reconnect();
    await teammateEdits(h.id, { membersCount: 6 }, 1);

    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    await screen.findByTestId('draft-restored');
    expect(screen.getByLabelText('Ghi chú')).toHaveValue('Ghi trước khi mất sóng');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () =>
      expect((await getDb().households.get(h.id))?.notes).toBe('Ghi trước khi mất sóng'),
    );
    expect((await getDb().households.get(h.id))?.membersCount).toBe(6);
    expect((await lastChange(h.id))?.fields).toEqual({ notes: 'Ghi trước khi mất sóng' });
  });

  it('visit notes typed after "Gặp được" and left at once come back whole, with the outcome', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
    const reconnect = indexedDbWritesCutOff();
    await user.type(screen.getByLabelText('Ghi chú'), 'Hẹn con trai về cài giúp');
    cleanup();
    reconnect();

    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    expect(await screen.findByLabelText('Ghi chú')).toHaveValue('Hẹn con trai về cài giúp');
    expect(screen.getByText(/Kết quả: Gặp được/)).toBeInTheDocument();
  });

  it('of the tab’s copy and the phone’s draft, the newer one is offered', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    const label = await screen.findByLabelText('Tên chủ hộ');
    await user.type(label, 'Sơn');
    await waitFor(async () =>
      expect((await getDb().drafts.toArray())[0]?.values).toMatchObject({ label: 'Sơn' }),
    );
    const reconnect = indexedDbWritesCutOff();
    await user.type(label, ' ở tab này');
    cleanup();
    reconnect();
    // Meanwhile the same form was typed on in another tab: the phone's draft is now the newer.
    const [stored] = await getDb().drafts.toArray();
    if (!stored) throw new Error('no draft');
    await getDb().drafts.put({
      ...stored,
      values: { ...(stored.values as object), label: 'Sơn ở tab kia' },
      savedAt: new Date(Date.parse(stored.savedAt) + 60_000).toISOString(),
    });

    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await screen.findByTestId('draft-restored');
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('Sơn ở tab kia');
  });

  it('the tab’s copy belongs to the account that typed it, like the draft', async () => {
    const A = '0191f5a0-0000-7000-8000-00000000000a';
    const B = '0191f5a0-0000-7000-8000-00000000000b';
    const user = userEvent.setup();
    signIn({ id: B });
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Của người B');
    await waitFor(async () => expect((await getDb().drafts.toArray())[0]?.userId).toBe(B));
    cleanup();

    // A types on the same phone and tab, and leaves at once: only the tab's copy has it.
    signIn({ id: A });
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    const label = await screen.findByLabelText('Tên chủ hộ');
    const reconnect = indexedDbWritesCutOff();
    await user.type(label, 'Của người A');
    cleanup();
    reconnect();

    // B gets B's draft back, not A's newer copy.
    signIn({ id: B });
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await screen.findByTestId('draft-restored');
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('Của người B');
    cleanup();

    // A gets A's typing back, without writing it over B's draft on the phone.
    signIn({ id: A });
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await screen.findByTestId('draft-restored');
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('Của người A');
    expect(await getDb().drafts.toArray()).toEqual([
      expect.objectContaining({ userId: B, values: expect.objectContaining({ label: 'Của người B' }) }),
    ]);
  });
});
