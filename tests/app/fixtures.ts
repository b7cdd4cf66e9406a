import type { HouseholdFields, ResidentFields } from '../../src/core/schemas';

export const VILLAGE_ID = '0191f5a0-0000-7000-8000-000000000001';

export function householdInput(overrides: Partial<HouseholdFields> = {}): HouseholdFields {
  return {
    label: 'Nông Văn Tâm',
    lane: 'Xóm Nà Pài',
    address: 'Số 12',
    membersCount: 4,
    poor: false,
    ...overrides,
  };
}

export function residentInput(householdId: string, overrides: Partial<ResidentFields> = {}): ResidentFields {
  return {
    householdId,
    name: 'Hoàng Thị Lan',
    birthYear: 1956,
    groups: [],
    sex: 'female',
    hasChipId: true,
    consent: {
      purposes: ['skills_support'],
      collectedBy: 'Tổ viên A',
      collectedAt: '2026-11-20T08:00:00.000Z',
    },
    ...overrides,
  };
}
