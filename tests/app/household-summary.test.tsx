import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { assistRepository } from '../../src/app/db/assist-repository';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { ResidentList } from '../../src/app/features/residents/ResidentList';
import { HouseholdSkillSummary } from '../../src/app/features/skills/HouseholdSkillSummary';
import { localDay } from '../../src/core/dates';
import type { SkillCode } from '../../src/core/skills/catalogue';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const YEAR = Number(localDay(new Date()).slice(0, 4));

async function household() {
  const h = await householdRepository.create(VILLAGE_ID, householdInput());
  const elder = await residentRepository.create(
    VILLAGE_ID,
    residentInput(h.id, { name: 'Bà Lan', birthYear: YEAR - 70 }),
  );
  const adult = await residentRepository.create(
    VILLAGE_ID,
    residentInput(h.id, { name: 'Anh Quyết', birthYear: YEAR - 35 }),
  );
  const child = await residentRepository.create(
    VILLAGE_ID,
    residentInput(h.id, { name: 'Cháu Na', birthYear: YEAR - 10 }),
  );
  return { h, elder, adult, child };
}

function step(residentId: string, householdId: string, kind: SkillCode) {
  return assistRepository.record(VILLAGE_ID, {
    residentId,
    householdId,
    kind,
    status: 'done',
    howKnown: 'observed',
    on: localDay(new Date()),
    by: 'Tổ viên Hà',
  });
}

function renderHousehold(householdId: string) {
  const { hook } = memoryLocation({ path: `/v/${VILLAGE_ID}/h/${householdId}` });
  return render(
    <Router hook={hook}>
      <HouseholdSkillSummary householdId={householdId} />
      <ResidentList villageId={VILLAGE_ID} householdId={householdId} />
    </Router>,
  );
}

function row(name: string): HTMLElement {
  const item = within(screen.getByTestId('resident-list')).getByText(name).closest('li');
  if (!item) throw new Error(`No row for ${name}`);
  return item;
}

describe('household skill summary', () => {
  it('says per resident the VNeID level and what is missing, children not yet counted', async () => {
    const { h } = await household();
    renderHousehold(h.id);
    expect(await screen.findByText('Hộ đã có người biết: 0/5 kỹ năng cơ bản')).toBeInTheDocument();
    expect(within(row('Bà Lan')).getByText('Chưa cài VNeID')).toBeInTheDocument();
    expect(
      within(row('Bà Lan')).getByText(
        /Còn thiếu: VNeID mức 2, Dùng điện thoại, Dịch vụ công, Mua bán online, Thanh toán, An toàn mạng, Nền tảng địa phương/,
      ),
    ).toBeInTheDocument();
    expect(within(row('Cháu Na')).getByText(/Chưa đến tuổi tính/)).toBeInTheDocument();
    expect(screen.getByText('Còn 2 người từ 16 tuổi chưa đủ kỹ năng')).toBeInTheDocument();
    expect(screen.getAllByText('Chưa ai biết')).toHaveLength(5);
  });

  it('updates live as steps are recorded: VNeID level, missing skills and five-basics coverage', async () => {
    const { h, elder, adult } = await household();
    renderHousehold(h.id);
    await screen.findByText('Hộ đã có người biết: 0/5 kỹ năng cơ bản');

    await step(elder.id, h.id, 'vneid_level1');
    expect(await within(row('Bà Lan')).findByText('VNeID mức 1')).toBeInTheDocument();
    await step(elder.id, h.id, 'vneid_level2_active');
    expect(await within(row('Bà Lan')).findByText('VNeID mức 2')).toBeInTheDocument();
    expect(within(row('Bà Lan')).getByText(/Còn thiếu: Dùng điện thoại,/)).toBeInTheDocument();

    await step(adult.id, h.id, 'online_safety');
    await step(elder.id, h.id, 'cashless_payment');
    expect(await screen.findByText('Hộ đã có người biết: 2/5 kỹ năng cơ bản')).toBeInTheDocument();
    const safety = screen.getByText(/An toàn trên mạng/).closest('li');
    expect(within(safety as HTMLElement).getByText('Có người biết')).toBeInTheDocument();
  });

  it('says when every counted resident has every counted skill', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const only = await residentRepository.create(
      VILLAGE_ID,
      residentInput(h.id, { name: 'Chị Mai', birthYear: YEAR - 30 }),
    );
    const kinds: SkillCode[] = [
      'vneid_level2_active',
      'device_basics',
      'public_services_online',
      'online_shopping',
      'cashless_payment',
      'online_safety',
      'local_platforms',
    ];
    for (const kind of kinds) await step(only.id, h.id, kind);
    renderHousehold(h.id);
    expect(await screen.findByText('Hộ đã có người biết: 5/5 kỹ năng cơ bản')).toBeInTheDocument();
    expect(screen.getByText('Mọi người từ 16 tuổi đã đủ kỹ năng cần có')).toBeInTheDocument();
    expect(within(row('Chị Mai')).getByText(/Đã đủ kỹ năng cần có/)).toBeInTheDocument();
  });

  it('does not use the steps of a resident whose consent was withdrawn', async () => {
    const { h, adult } = await household();
    await step(adult.id, h.id, 'online_shopping');
    const { id: _id, villageId: _v, createdAt: _c, updatedAt: _u, ...fields } = adult;
    await residentRepository.update(adult.id, {
      ...fields,
      sex: undefined,
      hasChipId: undefined,
      consent: {
        ...(adult.consent as NonNullable<typeof adult.consent>),
        withdrawnAt: new Date().toISOString(),
      },
    });
    renderHousehold(h.id);
    expect(await screen.findByText('Hộ đã có người biết: 0/5 kỹ năng cơ bản')).toBeInTheDocument();
    expect(within(row('Anh Quyết')).getByText('Chưa ghi kỹ năng (chưa có đồng ý)')).toBeInTheDocument();
    expect(
      screen.getByText('Còn 1 người từ 16 tuổi chưa có đồng ý nên chưa ghi kỹ năng'),
    ).toBeInTheDocument();
    expect(screen.getByText('Còn 1 người từ 16 tuổi chưa đủ kỹ năng')).toBeInTheDocument();
  });

  it('on the household page a resident row opens the profile, and the edit button the details form', async () => {
    const { h, elder } = await household();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/${h.id}`);
    // The household page is a lazy route: its first import in a run may take a while to compile.
    const edit = await screen.findByRole('link', { name: 'Sửa thông tin Bà Lan' });
    expect(edit).toHaveAttribute('href', `/v/${VILLAGE_ID}/h/${h.id}/r/${elder.id}`);
    await user.click(within(row('Bà Lan')).getByText('Bà Lan'));
    expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.id}/r/${elder.id}/skills`);
    expect(await screen.findByRole('heading', { name: 'Kỹ năng số của Bà Lan' })).toBeInTheDocument();
  });
});
