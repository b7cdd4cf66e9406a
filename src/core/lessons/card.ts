/**
 * Lesson cards (issue 20; DESIGN §2 "Lesson card"): short guides a team member shows in a doorway,
 * reads aloud and leaves behind as a handout. Content is data: the bundled set is one JSON file per
 * card under `src/content/lessons/`, Vietnamese first and English second, validated by this schema;
 * a commune officer's edits and additions are synced rows of the commune table `lessonCards` with the
 * same fields, and win over the bundled card of the same key (the bundled set is the fallback).
 *
 * Every text goes through the register's text rules (schemas.ts): one stored form, and never an ID
 * number, OTP or password value in it (DESIGN §7). Official links are limited to the official app
 * stores and state (.gov.vn) sites, so a QR printed on a handout can only lead to the real app.
 */
import { z } from 'zod';
import { recordBase, refuseUnstorableText } from '../schemas';
import { SKILL_CODES } from '../skills/catalogue';
import { normalizeLine } from '../text';
import { asksForSecret } from './secret-rule';

/** A card's key: lower-case words joined by "-", stable across versions (its synced id derives from it). */
export const LESSON_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RESERVED_KEYS: ReadonlySet<string> = new Set(['new', 'edit', 'print']);
export const MIN_STEPS = 3;
export const MAX_STEPS = 7;
export const MAX_WARNINGS = 5;
export const MAX_KEYWORDS = 40;

function line(max: number) {
  return z
    .string({ error: 'err.required' })
    .overwrite(normalizeLine)
    .min(1, 'err.required')
    .max(max, { message: 'err.tooLong', abort: true })
    .superRefine(refuseUnstorableText);
}

/**
 * A text a resident reads or hears: never one that asks anyone to type or hand over a password, OTP or
 * ID number (secret-rule.ts; DESIGN §7), so a commune's edit cannot put such an instruction on a card.
 */
function cardLine(max: number) {
  return line(max).refine((text) => !asksForSecret(text), 'err.lessonAsksSecret');
}

/** One text in both languages: Vietnamese is what residents read; English is the second UI language. */
export function localized(max: number) {
  return z.object({ vi: cardLine(max), en: cardLine(max) });
}
export type Localized = { vi: string; en: string };

/**
 * Hosts a QR or a link on a card may lead to: the two official app stores and state sites. A fake
 * VNeID is the first scam the police warn of (DOMAIN "VNeID": install only from App Store / Google
 * Play), so a commune's edit cannot point a handout anywhere else.
 */
export const OFFICIAL_STORE_HOSTS = ['play.google.com', 'apps.apple.com'] as const;
export function isOfficialHost(host: string): boolean {
  const h = host.toLowerCase();
  return (OFFICIAL_STORE_HOSTS as readonly string[]).includes(h) || h === 'gov.vn' || h.endsWith('.gov.vn');
}

function webUrl(protocols: readonly string[]) {
  return z
    .string({ error: 'err.required' })
    .max(500, 'err.tooLong')
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'err.invalid');
}
const httpsUrl = webUrl(['https:']);
/** A cited page may be plain http (DOMAIN.md cites some): it is named, never put in a QR. */
const sourceUrl = webUrl(['https:', 'http:']);

const officialUrl = httpsUrl.refine((value) => {
  try {
    return isOfficialHost(new URL(value).hostname);
  } catch {
    return false;
  }
}, 'err.lessonOfficialUrl');

export const OFFICIAL_LINK_KINDS = ['android', 'ios', 'web'] as const;
export type OfficialLinkKind = (typeof OFFICIAL_LINK_KINDS)[number];

/** Where a card sends a resident: printed as a QR on the handout. */
/** The store or site each kind of link must lead to: a QR marked "App Store" opens the App Store. */
function hostFits(kind: OfficialLinkKind, url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    if (kind === 'android') return host === 'play.google.com';
    if (kind === 'ios') return host === 'apps.apple.com';
    return host === 'gov.vn' || host.endsWith('.gov.vn');
  } catch {
    return false;
  }
}

export const officialLinkSchema = z
  .object({
    kind: z.enum(OFFICIAL_LINK_KINDS, { error: 'err.invalid' }),
    url: officialUrl,
    label: localized(80),
  })
  .refine((link) => hostFits(link.kind, link.url), { message: 'err.lessonOfficialUrl', path: ['url'] });
export type OfficialLink = z.infer<typeof officialLinkSchema>;

/** Where a card's facts come from: ../shared/DOMAIN.md's sources or the card's own (any web page). */
export const lessonSourceSchema = z.object({ title: line(200), url: sourceUrl });
export type LessonSource = z.infer<typeof lessonSourceSchema>;

/**
 * Situations a help card is for, read from the resident's profile: no smartphone, a SIM not in the
 * person's own name (VNeID level 1 needs one; DOMAIN "VNeID"), no chip ID card yet.
 */
export const LESSON_SITUATIONS = ['no_smartphone', 'no_sim_own_name', 'no_chip_id'] as const;
export type LessonSituation = (typeof LESSON_SITUATIONS)[number];

/**
 * `main`: the lesson of its skill (exactly one per catalogue skill in the bundled set); `help`: a card
 * that removes an obstacle on the way to its skill (a failure's reason, a situation), or a commune's
 * own extra card.
 */
export const LESSON_ROLES = ['main', 'help'] as const;
export type LessonRole = (typeof LESSON_ROLES)[number];

const skillCode = z.enum(SKILL_CODES, { error: 'err.invalid' });
const keyword = line(60);

export const lessonCardFields = z.object({
  key: z
    .string({ error: 'err.required' })
    .max(40, 'err.tooLong')
    .regex(LESSON_KEY_PATTERN, 'err.invalid')
    // Words of the cards' own addresses (/lessons/new, /lessons/:key/edit, …/print): never a card.
    .refine((key) => !RESERVED_KEYS.has(key), 'err.invalid'),
  /** Content version: raised on every edit of the text, so a handout names what it printed. */
  version: z.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'err.invalid').max(1_000_000),
  /** A commune's edit of a bundled card: the bundled version it started from (to tell of a newer one). */
  basedOn: z
    .number({ error: 'err.invalid' })
    .int('err.invalid')
    .min(1, 'err.invalid')
    .max(1_000_000)
    .optional(),
  role: z.enum(LESSON_ROLES, { error: 'err.invalid' }),
  /** The skill it teaches: "taught" records an assist of this kind. */
  skill: skillCode,
  /** Skills a resident must have (done, or reached on the VNeID journey) before this card helps. */
  prerequisites: z.array(skillCode).max(SKILL_CODES.length, 'err.tooMany'),
  /** False for what can be learnt and done without one (scam calls, level 2 at the police). */
  needsSmartphone: z.boolean({ error: 'err.invalid' }),
  /** Help cards: the situations they answer. */
  situations: z.array(z.enum(LESSON_SITUATIONS, { error: 'err.invalid' })).max(LESSON_SITUATIONS.length),
  /**
   * Help cards: words of a failed attempt's reason they answer, diacritics optional ("sim", "nfc",
   * "quên mật khẩu"); matched on folded text.
   */
  reasonWords: z.array(keyword).max(MAX_KEYWORDS, 'err.tooMany'),
  title: localized(80),
  summary: localized(240),
  steps: z.array(localized(240)).min(MIN_STEPS, 'err.lessonSteps').max(MAX_STEPS, 'err.lessonSteps'),
  warnings: z.array(localized(240)).max(MAX_WARNINGS, 'err.tooMany'),
  /** How people ask for it (Vietnamese, with or without marks): indexed by the question box. */
  keywords: z.array(keyword).max(MAX_KEYWORDS, 'err.tooMany'),
  sources: z.array(lessonSourceSchema).min(1, 'err.required').max(10, 'err.tooMany'),
  officialLinks: z.array(officialLinkSchema).max(4, 'err.tooMany'),
  /** A bundled original illustration's name (`src/content/lessons/art/<name>.svg`). */
  illustration: z.string().regex(LESSON_KEY_PATTERN, 'err.invalid').max(40).optional(),
  /** A commune's card hidden from its teams (a bundled card it does not use). */
  hidden: z.boolean().optional(),
});
export type LessonCardFields = z.infer<typeof lessonCardFields>;
/**
 * A commune's card as a synced row (commune table `lessonCards`, id `lessonCardId(key)`). An edit of a
 * bundled card holds only its key, version, `basedOn` and the fields the commune changed, laid over
 * the bundled card (effective.ts): two officers' first edits of one card then merge field by field
 * instead of the second whole copy overwriting the first's change. A commune's own card holds every
 * field; a row that is not a whole card after the overlay is not shown.
 */
export const lessonCardSchema = recordBase.extend(lessonCardFields.partial().required({ key: true }).shape);
export type LessonCardRecord = z.infer<typeof lessonCardSchema>;
/** A card as the app uses it (bundled or synced), with where it came from. */
export type LessonCard = LessonCardFields & { origin: 'bundled' | 'commune' };
