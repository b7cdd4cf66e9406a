/**
 * Using lesson cards in the field (issue 20, parts 3, 4 and 6) through the app's routes: the next step
 * on a resident's profile, teaching a card from it (an assist is recorded and the step moves on), the
 * note for a person without consent, the question box on /lessons, the commune officer's card editor
 * (save as the commune's row, back to the original, refusals for a secret and an unofficial link,
 * a card of the commune's own, a hidden card) and "Mang theo thẻ" in the round planner.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { useRoundSettings } from '../../src/app/features/visits/round-settings';
import { useSettings } from '../../src/app/state/settings-store';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import { lessonCardId } from '../../src/core/ids';
import { COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { householdInput, residentInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

type User = ReturnType<typeof userEvent.setup>;
type SignInAs = Parameters<typeof signIn>[0];

/** A bundled card's Vietnamese title, read from the content so an edit of the wording moves with it. */
function titleOf(key: string): string {
  const card = BUNDLED_CARDS.find((c) => c.key === key);
  if (!card) throw new Error(`No bundled card ${key}`);
  return card.title.vi;
}

const DEVICE_BASICS = titleOf('device-basics');
const VNEID_INSTALL = titleOf('vneid-install');
const NO_SMARTPHONE = titleOf('no-smartphone');
const SCAM = titleOf('scam-awareness');
const INSTALL_VERSION = BUNDLED_CARDS.find((c) => c.key === 'vneid-install')?.version ?? 0;

const SECRET_REFUSED = 'Thẻ không được bảo ai đưa hay nhập mật khẩu, OTP, số định danh.';
const UNOFFICIAL_REFUSED = 'Chỉ dẫn tới Google Play, App Store hoặc trang .gov.vn.';

/** A person recorded without consent: nothing about them beyond the register's basics (DESIGN §7). */
const NO_CONSENT = { consent: undefined, sex: undefined, hasChipId: undefined };

const OFFICER: SignInAs = { id: '0191f5a0-0000-7000-8000-0000000000c1', role: 'commune', villageIds: [] };
const MEMBER: SignInAs = { id: '0191f5a0-0000-7000-8000-0000000000a1', role: 'member' };

async function seedResident(overrides: Parameters<typeof residentInput>[1] = {}, label = 'Nông Văn Tâm') {
  const household = await householdRepository.create(VILLAGE_ID, householdInput({ label }));
  const resident = await residentRepository.create(VILLAGE_ID, residentInput(household.id, overrides));
  const path = `/v/${VILLAGE_ID}/h/${household.id}/r/${resident.id}/skills`;
  return { household, resident, path };
}

/** The next-step section once its cards are listed. */
async function nextStep(): Promise<HTMLElement> {
  const section = await screen.findByTestId('next-step');
  await waitFor(() => expect(within(section).getAllByRole('listitem').length).toBeGreaterThan(0));
  return section;
}

/** The titles of the suggested cards, in order. */
function suggestedTitles(section: HTMLElement): string[] {
  return within(section)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.item-title')?.textContent ?? '');
}

/**
 * Types a question into the box and returns where its answers show. The box's index loads after the
 * page, and until then it answers nothing: callers wait for the answer they expect.
 */
async function ask(user: User, question: string): Promise<HTMLElement> {
  const box = await screen.findByRole('searchbox');
  await user.clear(box);
  await user.type(box, question);
  return screen.findByTestId('ask-answers');
}

function answerTitles(answers: HTMLElement): string[] {
  return within(answers)
    .queryAllByRole('link')
    .map((a) => a.querySelector('.item-title')?.textContent ?? '');
}

/** Opens a card's editor as it is shown once the cards have loaded. */
async function openEditor(key: string, title: string) {
  const view = renderAt(`/lessons/${key}/edit`);
  await screen.findByRole('heading', { level: 1, name: `Sửa thẻ: ${title}` });
  return view;
}

async function replaceText(user: User, label: string, text: string) {
  const box = screen.getByLabelText(label);
  await user.clear(box);
  // A textarea takes new lines from "{Enter}"; user-event reads braces and brackets as keys.
  await user.type(box, text.replace(/[{[]/g, (c) => c + c).replace(/\n/g, '{Enter}'));
}

const lastPath = (location: { history?: string[] | undefined }) => location.history?.at(-1);

beforeEach(() => {
  useSettings.setState({ memberName: 'Lâm Thu Hà' });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('next step on a resident’s profile', () => {
  it('suggests device basics, then installing VNeID, for a person with consent and nothing recorded', async () => {
    const { path } = await seedResident();
    renderAt(path);
    const section = await nextStep();
    expect(within(section).getByRole('heading', { name: 'Bước tiếp theo: mang theo thẻ' })).toBeVisible();
    const titles = suggestedTitles(section);
    expect(titles[0]).toBe(DEVICE_BASICS);
    expect(titles[1]).toBe(VNEID_INSTALL);
    expect(within(section).getByText('Bắt đầu từ cách dùng điện thoại')).toBeInTheDocument();
  });

  it('without a smartphone, puts first what can be done without one, with the referral to the commune police', async () => {
    const { path } = await seedResident({ hasSmartphone: false });
    renderAt(path);
    const section = await nextStep();
    const titles = suggestedTitles(section);
    expect(titles[0]).toBe(NO_SMARTPHONE);
    expect(titles).not.toContain(DEVICE_BASICS);
    expect(titles).not.toContain(VNEID_INSTALL);
    const first = within(section).getAllByRole('listitem')[0] as HTMLElement;
    expect(first).toHaveTextContent('Chưa có điện thoại thông minh: việc làm được ngay');
    expect(first).toHaveTextContent('Giới thiệu lên công an xã (mang căn cước gắn chip và số điện thoại)');
  });

  it('teaching the first card records an assist of its skill and returns to the profile, which moves on', async () => {
    const { path, resident } = await seedResident();
    const user = userEvent.setup();
    const { location } = renderAt(path);
    const section = await nextStep();
    const first = within(section).getAllByRole('link')[0] as HTMLElement;
    expect(first).toHaveTextContent(DEVICE_BASICS);
    await user.click(first);

    await waitFor(() => expect(lastPath(location)).toBe(`/lessons/device-basics?resident=${resident.id}`));
    await screen.findByRole('heading', { level: 1, name: DEVICE_BASICS });
    const panel = await screen.findByTestId('teach-panel');
    expect(within(panel).getByRole('heading', { name: 'Dạy thẻ này cho Hoàng Thị Lan' })).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Đánh dấu đã dạy' }));
    // The result is never chosen for the helper: saving without one is refused, nothing is written.
    await user.click(within(panel).getByRole('button', { name: 'Lưu' }));
    expect(await within(panel).findAllByRole('alert')).not.toHaveLength(0);
    expect(await getDb().assists.count()).toBe(0);

    await user.click(within(panel).getByLabelText('Đã tự làm được'));
    await user.click(within(panel).getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(lastPath(location)).toBe(path));
    await waitFor(async () => {
      const assists = await getDb().assists.where('residentId').equals(resident.id).toArray();
      expect(assists.map((a) => [a.kind, a.status, a.howKnown, a.by])).toEqual([
        ['device_basics', 'done', 'observed', 'Lâm Thu Hà'],
      ]);
    });
    await screen.findByRole('heading', { name: 'Kỹ năng số của Hoàng Thị Lan' });
    const after = await nextStep();
    await waitFor(() => expect(suggestedTitles(after)).not.toContain(DEVICE_BASICS));
    expect(suggestedTitles(after)[0]).toBe(VNEID_INSTALL);
  });

  it('a card opened for a person without consent says why nothing is recorded, and offers no mark', async () => {
    const { resident } = await seedResident({ ...NO_CONSENT, name: 'Lò Văn Piềng' });
    renderAt(`/lessons/device-basics?resident=${resident.id}`);
    const panel = await screen.findByTestId('teach-panel');
    expect(within(panel).getByRole('heading', { name: 'Dạy thẻ này cho Lò Văn Piềng' })).toBeInTheDocument();
    expect(panel).toHaveTextContent('Người này chưa đồng ý cho ghi việc hỗ trợ kỹ năng, nên không ghi được.');
    expect(screen.queryByRole('button', { name: 'Đánh dấu đã dạy' })).toBeNull();
    expect(within(panel).getByRole('link', { name: '← Về hồ sơ của Lò Văn Piềng' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${resident.householdId}/r/${resident.id}/skills`,
    );
  });
});

describe('question box on /lessons', () => {
  it('answers the way people type, without marks, and says so when no card fits', async () => {
    const user = userEvent.setup();
    renderAt('/lessons');
    await screen.findByRole('heading', { level: 1 });

    const scam = await ask(user, 'lua dao qua dien thoai');
    await waitFor(() => expect(answerTitles(scam)[0]).toBe(SCAM));
    const install = await ask(user, 'cai vneid');
    await waitFor(() => expect(answerTitles(install)[0]).toBe(VNEID_INSTALL));

    // The index has loaded by now (it answered above): no answer here means no card fits.
    const none = await ask(user, 'xyzq');
    expect(answerTitles(none)).toEqual([]);
    expect(none).toHaveTextContent('Chưa tìm thấy thẻ nào. Thử gõ cách khác, ví dụ “chuyen tien ma qr”.');
  });
});

describe('the commune’s cards', () => {
  it('an officer’s edit is saved as the commune’s row, shown, and undone by going back to the original', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const { location } = await openEditor('vneid-install', VNEID_INSTALL);
    await replaceText(user, 'Tên thẻ', 'Cài VNeID đúng ứng dụng thật');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(lastPath(location)).toBe('/lessons/vneid-install'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Cài VNeID đúng ứng dụng thật' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Thẻ do xã sửa')).toBeInTheDocument();

    const id = lessonCardId('vneid-install');
    const row = await getDb().lessonCards.get(id);
    expect(row).toMatchObject({
      id,
      key: 'vneid-install',
      villageId: COMMUNE_VILLAGE_ID,
      version: INSTALL_VERSION + 1,
      basedOn: INSTALL_VERSION,
      title: { vi: 'Cài VNeID đúng ứng dụng thật' },
    });
    expect(row?.deletedAt).toBeUndefined();
    const entries = await getDb().outbox.toArray();
    expect(entries.map((e) => [e.table, e.rowId, e.villageId])).toEqual([
      ['lessonCards', id, COMMUNE_VILLAGE_ID],
    ]);

    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(screen.getByRole('link', { name: 'Sửa thẻ' }));
    await screen.findByRole('heading', { level: 1, name: 'Sửa thẻ: Cài VNeID đúng ứng dụng thật' });
    await user.click(screen.getByRole('button', { name: 'Dùng lại thẻ gốc' }));
    expect(confirm).toHaveBeenCalledOnce();

    await waitFor(() => expect(lastPath(location)).toBe('/lessons/vneid-install'));
    expect(await screen.findByRole('heading', { level: 1, name: VNEID_INSTALL })).toBeInTheDocument();
    expect(screen.queryByText('Thẻ do xã sửa')).toBeNull();
    const tombstone = await getDb().lessonCards.get(id);
    expect(tombstone?.deletedAt).toEqual(expect.any(String));
  });

  it('declining the confirmation keeps the commune’s edit', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const { location } = await openEditor('vneid-install', VNEID_INSTALL);
    await replaceText(user, 'Tên thẻ', 'Cài VNeID đúng ứng dụng thật');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(lastPath(location)).toBe('/lessons/vneid-install'));
    await user.click(await screen.findByRole('link', { name: 'Sửa thẻ' }));
    await screen.findByRole('heading', { level: 1, name: 'Sửa thẻ: Cài VNeID đúng ứng dụng thật' });

    vi.spyOn(window, 'confirm').mockReturnValue(false);
    await user.click(screen.getByRole('button', { name: 'Dùng lại thẻ gốc' }));
    expect(lastPath(location)).toBe('/lessons/vneid-install/edit');
    expect((await getDb().lessonCards.get(lessonCardId('vneid-install')))?.deletedAt).toBeUndefined();
  });

  it('refuses a step telling anyone to read out an OTP, and writes nothing', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const { location } = await openEditor('vneid-install', VNEID_INSTALL);
    const steps = (screen.getByLabelText('Các bước') as HTMLTextAreaElement).value;
    await replaceText(user, 'Các bước', `${steps}\nĐọc mã OTP cho tổ viên`);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect((await screen.findAllByText(SECRET_REFUSED, { exact: false })).length).toBeGreaterThan(0);
    expect(screen.getByTestId('form-errors')).toHaveTextContent(`Các bước: ${SECRET_REFUSED}`);
    expect(lastPath(location)).toBe('/lessons/vneid-install/edit');
    expect(await getDb().lessonCards.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('what an officer typed in the editor is kept as a draft and offered back after the page is gone', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const first = await openEditor('vneid-install', VNEID_INSTALL);
    await replaceText(user, 'Tên thẻ', 'Cài VNeID thật, đừng cài app giả');
    await waitFor(async () => expect(await getDb().drafts.count()).toBe(1));
    first.unmount();

    await openEditor('vneid-install', VNEID_INSTALL);
    expect(await screen.findByTestId('draft-restored')).toBeInTheDocument();
    expect(screen.getByLabelText('Tên thẻ')).toHaveValue('Cài VNeID thật, đừng cài app giả');
    expect(await getDb().lessonCards.count()).toBe(0);
  });

  it('refuses a QR link to a host that is not an official store or a .gov.vn site', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const { location } = await openEditor('vneid-install', VNEID_INSTALL);
    await replaceText(
      user,
      'Đường dẫn chính thức (in mã QR)',
      'android | https://play.google.com.vneid-tai.xyz/store/apps/details?id=com.vnid | VNeID',
    );
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByTestId('form-errors')).toHaveTextContent(
      `Đường dẫn chính thức (in mã QR): ${UNOFFICIAL_REFUSED}`,
    );
    expect(lastPath(location)).toBe('/lessons/vneid-install/edit');
    expect(await getDb().lessonCards.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('a team member can neither edit a card nor add one', async () => {
    signIn(MEMBER);
    const edit = renderAt('/lessons/vneid-install/edit');
    expect(await screen.findByText('Chỉ cán bộ xã sửa được thẻ bài học.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lưu' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Các thẻ hướng dẫn' })).toHaveAttribute('href', '/lessons');
    edit.unmount();

    const list = renderAt('/lessons');
    await screen.findByRole('link', { name: new RegExp(VNEID_INSTALL) });
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Thêm thẻ của xã' })).toBeNull();
    list.unmount();

    renderAt('/lessons/vneid-install');
    await screen.findByRole('heading', { level: 1, name: VNEID_INSTALL });
    expect(screen.queryByRole('link', { name: 'Sửa thẻ' })).toBeNull();
  });

  it('an officer adds the commune’s own card, which the question box then finds', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const view = renderAt('/lessons');
    const { location } = view;
    await user.click(await screen.findByRole('link', { name: 'Thêm thẻ của xã' }));
    await screen.findByRole('heading', { level: 1, name: 'Thêm thẻ của xã' });

    await replaceText(user, 'Mã thẻ', 'duong-day-nong-xa');
    await user.selectOptions(screen.getByLabelText('Kỹ năng thẻ này dạy'), 'online_safety');
    await replaceText(user, 'Tên thẻ', 'Đường dây nóng của xã khi nghi bị lừa');
    await replaceText(user, 'Tóm tắt', 'Gọi cho xã hoặc công an xã trước khi làm theo lời người lạ.');
    await replaceText(
      user,
      'Các bước',
      [
        'Khi có người lạ gọi bảo chuyển tiền, hãy dừng lại.',
        'Gọi đường dây nóng của xã ghi trên tờ này.',
        'Kể lại cho cán bộ xã nghe, không làm theo người lạ.',
      ].join('\n'),
    );
    await replaceText(user, 'Nguồn', 'Cổng thông tin Bộ Công an | https://bocongan.gov.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(lastPath(location)).toBe('/lessons/duong-day-nong-xa'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Đường dây nóng của xã khi nghi bị lừa' }),
    ).toBeInTheDocument();
    const row = await getDb().lessonCards.get(lessonCardId('duong-day-nong-xa'));
    expect(row).toMatchObject({
      key: 'duong-day-nong-xa',
      skill: 'online_safety',
      role: 'help',
      version: 1,
      villageId: COMMUNE_VILLAGE_ID,
      sources: [{ title: 'Cổng thông tin Bộ Công an', url: 'https://bocongan.gov.vn' }],
    });
    expect(row?.steps).toHaveLength(3);
    expect(row?.basedOn).toBeUndefined();

    view.unmount();
    renderAt('/lessons');
    const answers = await ask(user, 'duong day nong');
    await waitFor(() => expect(answerTitles(answers)[0]).toBe('Đường dây nóng của xã khi nghi bị lừa'));
  });

  it('a card the officer hides is neither listed nor found for a team member', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    const editor = await openEditor('scam-awareness', SCAM);
    const { location } = editor;
    await user.click(screen.getByLabelText('Ẩn thẻ này với các tổ'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(lastPath(location)).toBe('/lessons/scam-awareness'));
    await waitFor(async () =>
      expect((await getDb().lessonCards.get(lessonCardId('scam-awareness')))?.hidden).toBe(true),
    );

    editor.unmount();

    // The officer still sees it, marked, to show it again.
    const officerList = renderAt('/lessons');
    const officerRow = await screen.findByRole('link', { name: new RegExp(SCAM) });
    expect(officerRow).toHaveTextContent('Đang ẩn');
    officerList.unmount();

    signIn(MEMBER);
    const memberCard = renderAt('/lessons/scam-awareness');
    expect(await screen.findByText('Không có thẻ hướng dẫn này.')).toBeInTheDocument();
    memberCard.unmount();

    renderAt('/lessons');
    await screen.findByRole('link', { name: new RegExp(VNEID_INSTALL) });
    expect(screen.queryByRole('link', { name: new RegExp(SCAM) })).toBeNull();
    // Another card still answers the question, so the box has answered, only not with the hidden one.
    const answers = await ask(user, 'lua dao qua dien thoai');
    await waitFor(() => expect(answerTitles(answers).length).toBeGreaterThan(0));
    expect(answerTitles(answers)).not.toContain(SCAM);
  });
});

describe('round planner', () => {
  beforeEach(() => useRoundSettings.setState({ staleDays: 30, chosen: {} }));

  it('names the cards to bring to a door where someone has consent for skills support', async () => {
    const withConsent = await seedResident({}, 'Hộ Hoàng Thị Lan');
    const without = await seedResident({ ...NO_CONSENT, name: 'Lò Văn Piềng' }, 'Hộ Lò Văn Piềng');
    renderAt(`/v/${VILLAGE_ID}/round`);

    const lanes = await screen.findByTestId('round-lanes');
    const rowOf = (householdId: string) =>
      lanes.querySelector<HTMLElement>(`[data-household="${householdId}"]`) as HTMLElement;
    await waitFor(() => expect(rowOf(withConsent.household.id)).not.toBeNull());
    const bring = await within(rowOf(withConsent.household.id)).findByTestId('door-cards');
    expect(bring).toHaveTextContent(`Mang theo thẻ: ${DEVICE_BASICS}`);
    expect(rowOf(without.household.id)).not.toBeNull();
    expect(within(rowOf(without.household.id)).queryByTestId('door-cards')).toBeNull();
  });
});
