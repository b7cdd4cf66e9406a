/**
 * Issue 15, kinds 2 and 7: what a met visit says was done for whom becomes those people's skill
 * steps in the same save, the visit and the profiles never disagree, and each step's results say
 * exactly what happened (a police referral shows as waiting for level 2).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { assistRepository } from '../../src/app/db/assist-repository';
import { classRepository } from '../../src/app/db/class-repository';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { visitRepository } from '../../src/app/db/visit-repository';
import { nowIso } from '../../src/app/state/commune-clock';
import { useSettings } from '../../src/app/state/settings-store';
import { localDay } from '../../src/core/dates';
import type { VisitFields } from '../../src/core/schemas';
import type { SkillCode } from '../../src/core/skills/catalogue';
import { pairKey } from '../../src/core/skills/visit-steps';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

type User = ReturnType<typeof userEvent.setup>;

/** The household: Pằng has given no consent, Xuân and Sáng consent to skills support. */
async function household() {
  const h = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Lò Văn Pằng' }));
  const pang = await residentRepository.create(
    VILLAGE_ID,
    residentInput(h.id, {
      name: 'Lò Văn Pằng',
      birthYear: 1970,
      consent: undefined,
      sex: undefined,
      hasChipId: undefined,
    }),
  );
  const xuan = await residentRepository.create(
    VILLAGE_ID,
    residentInput(h.id, { name: 'Lò Thị Xuân', birthYear: 1985 }),
  );
  const sang = await residentRepository.create(
    VILLAGE_ID,
    residentInput(h.id, { name: 'Lò Văn Sáng', birthYear: 2000 }),
  );
  return { h, pang, xuan, sang };
}

async function step(residentId: string, householdId: string, kind: SkillCode) {
  await assistRepository.record(VILLAGE_ID, {
    residentId,
    householdId,
    kind,
    status: 'done',
    howKnown: 'observed',
    on: '2026-11-20',
    by: 'Tổ viên Hà',
  });
}

/** From the visit screen: "Gặp được", the people and the topics ticked. */
async function metVisit(user: User, people: string[], topics: string[]) {
  await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
  for (const name of people) await user.click(screen.getByRole('checkbox', { name: new RegExp(name) }));
  for (const topic of topics) await user.click(screen.getByRole('checkbox', { name: topic }));
  // The pairs show once the household's steps are read (to leave alone those already done).
  await screen.findByTestId('visit-steps');
}

/** The choices of one person × topic pair on the visit form. */
function pair(person: string, topic: string): HTMLElement {
  const personGroup = within(screen.getByTestId('visit-steps')).getByRole('group', { name: person });
  return within(personGroup).getByRole('group', { name: topic });
}

function residentRow(name: string): HTMLElement {
  const item = within(screen.getByTestId('resident-list')).getByText(name).closest('li');
  if (!item) throw new Error(`No row for ${name}`);
  return item;
}

afterEach(() => useSettings.setState({ memberName: '' }));

describe('a met visit records its skill steps on the people helped', () => {
  it('two people × two skills: 4 steps saved with the visit, the person without consent named and left out', async () => {
    useSettings.setState({ memberName: 'Lâm Thu Hà' });
    const { h, pang, xuan, sang } = await household();
    const outboxBefore = await getDb().outbox.count();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await metVisit(
      user,
      ['Lò Văn Pằng', 'Lò Thị Xuân', 'Lò Văn Sáng'],
      ['Tài khoản VNeID mức 1', 'Thanh toán không dùng tiền mặt'],
    );

    expect(
      screen.getByText('Lò Văn Pằng: chưa đồng ý cho ghi kỹ năng, nên không ghi vào hồ sơ.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('visit-steps')).queryByRole('group', { name: 'Lò Văn Pằng' }),
    ).toBeNull();
    // Preselected only because the helper ticked both the person and the topic.
    expect(
      within(pair('Lò Thị Xuân', 'Tài khoản VNeID mức 1')).getByRole('radio', {
        name: 'Đã làm được (có tài khoản mức 1)',
      }),
    ).toBeChecked();
    await user.click(
      within(pair('Lò Văn Sáng', 'Thanh toán không dùng tiền mặt')).getByRole('radio', {
        name: 'Đang học, chưa tự làm được',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText(/Đã lưu lần ghé/)).toBeInTheDocument();
    const [visit] = await getDb().visits.toArray();
    const assists = await getDb().assists.toArray();
    expect(assists.map((a) => [a.residentId, a.kind, a.status]).sort()).toEqual(
      [
        [xuan.id, 'vneid_level1', 'done'],
        [xuan.id, 'cashless_payment', 'done'],
        [sang.id, 'vneid_level1', 'done'],
        [sang.id, 'cashless_payment', 'in_progress'],
      ].sort(),
    );
    for (const a of assists) {
      expect(a).toMatchObject({
        visitId: visit?.id,
        householdId: h.id,
        on: localDay(new Date()),
        by: 'Lâm Thu Hà',
        howKnown: 'observed',
      });
    }
    expect(assists.some((a) => a.residentId === pang.id)).toBe(false);
    const queued = (await getDb().outbox.orderBy('seq').toArray()).slice(outboxBefore);
    expect(queued.map((e) => e.table).sort()).toEqual(['assists', 'assists', 'assists', 'assists', 'visits']);

    const saved = screen.getByTestId('visit-saved-steps');
    expect(
      await within(saved).findByText(
        'Lò Văn Sáng: Tài khoản VNeID mức 1 — Đã làm được (có tài khoản mức 1); Thanh toán không dùng tiền mặt — Đang học, chưa tự làm được',
      ),
    ).toBeInTheDocument();
    expect(
      within(saved).getByText('Không ghi được cho Lò Văn Pằng: chưa đồng ý cho ghi kỹ năng.'),
    ).toBeInTheDocument();

    // The household page and the profiles say the same as the visit.
    await user.click(screen.getByRole('link', { name: 'Xong, về trang hộ' }));
    const history = await screen.findByTestId('visit-history');
    expect(
      within(history).getByText(
        'Lò Thị Xuân: Tài khoản VNeID mức 1 — Đã làm được (có tài khoản mức 1); Thanh toán không dùng tiền mặt — Đã tự làm được',
      ),
    ).toBeInTheDocument();
    expect(within(history).queryByText(/^Đã làm:/)).toBeNull();
    await waitFor(() =>
      expect(within(residentRow('Lò Thị Xuân')).getByText('VNeID mức 1')).toBeInTheDocument(),
    );
    expect(within(residentRow('Lò Thị Xuân')).queryByText(/Còn thiếu:.*Thanh toán/)).toBeNull();
    expect(within(residentRow('Lò Văn Sáng')).getByText(/Còn thiếu:.*Thanh toán/)).toBeInTheDocument();
    expect(
      within(residentRow('Lò Văn Pằng')).getByText('Chưa ghi kỹ năng (chưa có đồng ý)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Thanh toán không dùng tiền mặt', { exact: false, selector: 'li' }),
    ).toHaveTextContent('Có người biết');

    await user.click(within(residentRow('Lò Thị Xuân')).getByText('Lò Thị Xuân'));
    await screen.findByRole('heading', { name: 'Kỹ năng số của Lò Thị Xuân' });
    const today = localDay(new Date()).split('-').reverse().join('/');
    const profileHistory = await screen.findByTestId('assist-history');
    expect(await within(profileHistory).findAllByText(`Khi đến hộ ngày ${today}`)).toHaveLength(2);
    expect(screen.getByText(/Bước tiếp: đưa đến Công an xã để kích hoạt mức 2/)).toBeInTheDocument();
  });

  it('undo on the saved screen removes the visit and every step it recorded', async () => {
    const { h } = await household();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await metVisit(
      user,
      ['Lò Thị Xuân', 'Lò Văn Sáng'],
      ['Cài ứng dụng VNeID', 'An toàn trên mạng (nhận biết lừa đảo)'],
    );
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu lần ghé/);
    expect(await getDb().assists.count()).toBe(4);

    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect((await getDb().visits.toArray())[0]?.deletedAt).toBeDefined());
    expect(await screen.findByText('Đã bỏ lần ghé vừa ghi và các bước kỹ năng ghi cùng')).toBeInTheDocument();
    const [visit] = await getDb().visits.toArray();
    const assists = await getDb().assists.toArray();
    expect(assists).toHaveLength(4);
    expect(assists.every((a) => a.deletedAt === visit?.deletedAt)).toBe(true);
    await waitFor(() =>
      expect(within(residentRow('Lò Thị Xuân')).getByText('Chưa cài VNeID')).toBeInTheDocument(),
    );
  });

  it('a step already done is not recorded again, so a visit never moves a status backwards', async () => {
    const { h, xuan } = await household();
    await step(xuan.id, h.id, 'cashless_payment');
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await metVisit(user, ['Lò Thị Xuân'], ['Thanh toán không dùng tiền mặt', 'Mua bán trực tuyến']);
    expect(
      within(screen.getByTestId('visit-steps')).getByText(
        'Thanh toán không dùng tiền mặt: đã xong từ trước, không ghi lại',
      ),
    ).toBeInTheDocument();
    await user.click(
      within(pair('Lò Thị Xuân', 'Mua bán trực tuyến')).getByRole('radio', { name: 'Không ghi' }),
    );
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu lần ghé/);
    expect(screen.getByText('Chưa ghi bước kỹ năng nào vào hồ sơ.')).toBeInTheDocument();
    expect((await getDb().assists.toArray()).map((a) => [a.kind, a.visitId])).toEqual([
      ['cashless_payment', undefined],
    ]);
  });
});

/** A met visit made now by "Tổ viên Hà", as the visit screen would save it. */
function metNow(householdId: string, residentIds: string[], topics: SkillCode[]): VisitFields {
  return {
    householdId,
    visitedAt: new Date().toISOString(),
    members: ['Tổ viên Hà'],
    outcome: 'met',
    residentIds,
    topics,
  };
}

describe('the visit and its steps are one save', () => {
  it('a failing write of a step leaves neither the visit nor any step', async () => {
    const { h, xuan, sang } = await household();
    const db = getDb();
    const before = await db.outbox.count();
    const fail = (_key: unknown, entry: { table: string }) => {
      if (entry.table === 'assists') throw new Error('disk full');
    };
    db.outbox.hook('creating', fail);
    try {
      await expect(
        visitRepository.save(VILLAGE_ID, metNow(h.id, [xuan.id, sang.id], ['vneid_installed'])),
      ).rejects.toThrow('disk full');
    } finally {
      db.outbox.hook('creating').unsubscribe(fail);
    }
    expect(await db.visits.count()).toBe(0);
    expect(await db.assists.count()).toBe(0);
    expect(await db.outbox.count()).toBe(before);
  });

  it('restore brings back the visit with the steps removed with it, not one deleted on its own before', async () => {
    const { h, xuan, sang } = await household();
    const { visit, assists } = await visitRepository.save(
      VILLAGE_ID,
      metNow(h.id, [xuan.id, sang.id], ['e_health']),
      { choices: { [pairKey(sang.id, 'e_health')]: 'in_progress' }, howKnown: 'self_reported' },
    );
    expect(assists.map((a) => [a.residentId, a.status, a.howKnown])).toEqual([
      [xuan.id, 'done', 'self_reported'],
      [sang.id, 'in_progress', 'self_reported'],
    ]);
    const [first, second] = assists;
    await assistRepository.remove(second?.id ?? '');
    // Steps removed with the visit carry its removal's time; one removed in the same millisecond
    // would look removed with it (a flake on a fast run). A person's two taps are never that close.
    const removedAlone = nowIso();
    await waitFor(() => expect(nowIso()).not.toBe(removedAlone));
    await visitRepository.remove(visit.id);
    await visitRepository.restore(visit.id);
    expect((await getDb().visits.get(visit.id))?.deletedAt).toBeUndefined();
    expect((await getDb().assists.get(first?.id ?? ''))?.deletedAt).toBeUndefined();
    expect((await getDb().assists.get(second?.id ?? ''))?.deletedAt).toBeDefined();
  });
});

describe('each step’s results say what happened', () => {
  it('the police referral: only "made/taken" from a visit, "made" or "not yet" on the profile, and the household line waits', async () => {
    const { h, xuan } = await household();
    await step(xuan.id, h.id, 'vneid_level1');
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/visit`);
    await metVisit(user, ['Lò Thị Xuân'], ['Hẹn lên Công an xã kích hoạt mức 2']);
    const choices = within(pair('Lò Thị Xuân', 'Hẹn lên Công an xã kích hoạt mức 2')).getAllByRole('radio');
    expect(choices.map((c) => c.closest('label')?.textContent)).toEqual([
      'Đã hẹn/đưa đến Công an xã',
      'Không ghi',
    ]);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText(/Đã lưu lần ghé/);
    await user.click(screen.getByRole('link', { name: 'Xong, về trang hộ' }));
    await waitFor(() =>
      expect(
        within(residentRow('Lò Thị Xuân')).getByText('VNeID mức 1 · Đang chờ kích hoạt mức 2 ở Công an xã'),
      ).toBeInTheDocument(),
    );

    await user.click(within(residentRow('Lò Thị Xuân')).getByText('Lò Thị Xuân'));
    await screen.findByRole('heading', { name: 'Kỹ năng số của Lò Thị Xuân' });
    // Every item says what a tap does, not a bare "Ghi".
    expect((await screen.findAllByText('Ghi kết quả ›')).length).toBeGreaterThan(10);
    expect(screen.queryByText('Ghi ›')).toBeNull();
    const referral = screen
      .getAllByRole('button', { name: /Hẹn lên Công an xã kích hoạt mức 2/ })
      .find((b) => b.hasAttribute('aria-expanded'));
    expect(referral).toHaveTextContent('Đã xong');
    expect(screen.getByText(/Bước tiếp: kích hoạt tài khoản mức 2/)).toBeInTheDocument();
    await user.click(referral as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Ghi kết quả: Hẹn lên Công an xã kích hoạt mức 2' });
    const results = within(panel).getByRole('group', { name: 'Kết quả ra sao?' });
    expect(
      within(results)
        .getAllByRole('radio')
        .map((r) => r.closest('.check')?.textContent),
    ).toEqual(['Đã hẹn/đưa đến Công an xã', 'Chưa hẹn được']);
    expect(within(panel).queryByText('Đã chỉ đến nơi khác làm tiếp')).toBeNull();
    expect(within(panel).queryByText(/Đang học/)).toBeNull();
  });
});

describe('a class and its attendees’ profiles never disagree', () => {
  it('unmarking an attendee removes the step recorded for them at the class; the undo brings it back', async () => {
    const { h, xuan, sang } = await household();
    const session = await classRepository.create(VILLAGE_ID, {
      date: '2026-11-25',
      topic: 'online_safety',
      audience: 'community',
      venue: 'Nhà văn hóa thôn',
      trainer: 'Lục Văn Bình',
      walkIns: 0,
    });
    for (const r of [xuan, sang]) await classRepository.setPresent(session.id, r.id, true);
    expect(await classRepository.recordTopicForPresent(session.id, 'Lục Văn Bình')).toMatchObject({
      recorded: 2,
    });

    await classRepository.setPresent(session.id, xuan.id, false);
    const live = async () =>
      (await getDb().assists.where('householdId').equals(h.id).toArray())
        .filter((a) => !a.deletedAt)
        .map((a) => a.residentId);
    expect(await live()).toEqual([sang.id]);
    await classRepository.setPresent(session.id, xuan.id, true);
    expect((await live()).sort()).toEqual([xuan.id, sang.id].sort());
  });
});
