/**
 * Deterministic demo register: 13 villages "Thôn 1" … "Thôn 13" of ~150 households with 3–5 residents
 * each, Tày, Dao and Kinh names of the Bắc Kạn uplands, and each village's field work (visits, skill
 * steps, classes and attendance: see demo-field-work.ts). Every village is flagged `demo: true` and the
 * app shows it, so generated people are never mistaken for real ones.
 */
import { type DemoFieldWork, generateFieldWork } from './demo-field-work';
import type { Household, Resident, ResidentGroup, Village } from './schemas';

export interface DemoVillage extends DemoFieldWork {
  village: Village;
  households: Household[];
  residents: Resident[];
}

export interface DemoOptions {
  villageCount?: number;
  householdsPerVillage?: number;
  seed?: number;
  now: Date;
  newId: () => string;
  collectedBy: string;
}

const SURNAMES = [
  'Nông',
  'Hoàng',
  'Lục',
  'Triệu',
  'Hà',
  'Ma',
  'Lý',
  'Đàm',
  'Bế',
  'Đặng',
  'Lâm',
  'Nguyễn',
  'Phùng',
  'Hứa',
  'Lường',
  'Vi',
];
const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Quang', 'Tiến', 'Xuân'];
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thu', 'Ngọc', 'Kim', 'Thanh'];
const MALE_GIVEN = [
  'Tâm',
  'Hùng',
  'Dũng',
  'Sơn',
  'Khải',
  'Tuấn',
  'Cường',
  'Quyết',
  'Vinh',
  'Lợi',
  'Đạt',
  'Thắng',
  'Phong',
  'Chiến',
  'Hải',
  'Nghĩa',
];
const FEMALE_GIVEN = [
  'Lan',
  'Hoa',
  'Thắm',
  'Phượng',
  'Mai',
  'Hạnh',
  'Bình',
  'Duyên',
  'Thủy',
  'Nhung',
  'Chuyên',
  'Hường',
  'Liên',
  'Nga',
  'Yến',
  'Đào',
];
const LANES = [
  'Nà Pài',
  'Khuổi Ha',
  'Nà Slảng',
  'Pác Nặm',
  'Bản Chang',
  'Cốc Lùng',
  'Nà Lẹng',
  'Khuổi Tẩu',
  'Nà Đon',
  'Phja Đăm',
];

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same register on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDemoData(options: DemoOptions): DemoVillage[] {
  const { now, newId, collectedBy } = options;
  const villageCount = options.villageCount ?? 13;
  const perVillage = options.householdsPerVillage ?? 150;
  const random = seededRandom(options.seed ?? 2025);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const stamp = now.toISOString();
  const year = now.getFullYear();

  const registers: Array<Pick<DemoVillage, 'village' | 'households' | 'residents'>> = [];
  for (let v = 1; v <= villageCount; v++) {
    const villageId = newId();
    const base = { villageId, createdAt: stamp, updatedAt: stamp };
    const village: Village = {
      id: villageId,
      ...base,
      name: `Thôn ${v}`,
      code: `T${String(v).padStart(2, '0')}`,
      demo: true,
    };
    const households: Household[] = [];
    const residents: Resident[] = [];
    const lanes = LANES.slice(0, 3 + (v % 4)).map((name, i) => `Xóm ${name} ${i + 1}`);

    for (let h = 0; h < perVillage; h++) {
      const householdId = newId();
      const surname = pick(SURNAMES);
      const headMale = random() < 0.7;
      const headName = person(surname, headMale);
      const size = between(3, 5);
      const consentGiven = random() < 0.85;
      const household: Household = {
        id: householdId,
        ...base,
        label: headName,
        lane: pick(lanes),
        address: `Số ${between(1, 120)}`,
        membersCount: size,
        poor: random() < 0.12,
        ...(consentGiven && random() < 0.8 ? { ethnicMinority: true, ethnicMinorityConsentAt: stamp } : {}),
      };
      households.push(household);

      const headBirth = between(year - 75, year - 28);
      const members: Array<{ name: string; birthYear: number; male: boolean }> = [
        { name: headName, birthYear: headBirth, male: headMale },
        { name: person(pick(SURNAMES), !headMale), birthYear: headBirth + between(-4, 4), male: !headMale },
      ];
      while (members.length < size) {
        const male = random() < 0.5;
        const child = random() < 0.75;
        members.push({
          name: person(child ? surname : pick(SURNAMES), male),
          birthYear: child ? Math.min(year - 1, headBirth + between(20, 35)) : headBirth - between(20, 28),
          male,
        });
      }
      members.forEach((m, i) => {
        const age = year - m.birthYear;
        const consented = consentGiven || i === 0;
        const groups: ResidentGroup[] = [];
        if (consented && random() < 0.06) groups.push('disability');
        if (consented && age >= 6 && age <= 18) groups.push('student');
        if (consented && age > 18 && age < 60 && random() < 0.08) groups.push('enterprise_worker');
        if (consented && age > 22 && age < 60 && random() < 0.04) groups.push('civil_servant');
        if (consented && age > 18 && random() < 0.05) groups.push('trader');
        residents.push({
          id: newId(),
          ...base,
          householdId,
          name: consented ? m.name : age >= 60 ? (m.male ? 'Cụ ông' : 'Cụ bà') : `Thành viên ${i + 1}`,
          birthYear: m.birthYear,
          groups,
          ...(consented
            ? {
                sex: m.male ? ('male' as const) : ('female' as const),
                hasChipId: age >= 14 && random() < 0.9,
                hasSmartphone: age >= 14 && age < 75 && random() < 0.75,
                simOwnName: age >= 18 && random() < 0.7,
                consent: {
                  purposes: ['skills_support' as const, 'progress_report' as const],
                  collectedBy,
                  collectedAt: stamp,
                },
              }
            : {}),
        });
      });
    }
    registers.push({ village, households, residents });
  }

  // Field work draws from its own stream and comes after every register, so adding it left the
  // registers (names, ages, consent) exactly as the same seed made them before.
  return registers.map((register, index) => {
    const fieldRandom = seededRandom(((options.seed ?? 2025) ^ 0x5bd1e995) + index);
    const fieldPick = <T>(items: readonly T[]): T => items[Math.floor(fieldRandom() * items.length)] as T;
    const team = [
      collectedBy,
      person(fieldPick(SURNAMES), false, fieldPick),
      person(fieldPick(SURNAMES), true, fieldPick),
    ];
    const fieldWork = generateFieldWork({
      villageId: register.village.id,
      households: register.households,
      residents: register.residents,
      team,
      now,
      random: fieldRandom,
      newId,
    });
    return { ...register, ...fieldWork };
  });

  function person(surname: string, male: boolean, from: <T>(items: readonly T[]) => T = pick): string {
    return male
      ? `${surname} ${from(MALE_MIDDLE)} ${from(MALE_GIVEN)}`
      : `${surname} ${from(FEMALE_MIDDLE)} ${from(FEMALE_GIVEN)}`;
  }
}
