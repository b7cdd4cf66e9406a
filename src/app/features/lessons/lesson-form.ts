/**
 * The officer's card form (issue 20, part 6) as plain text boxes: a step, warning, keyword, source or
 * link per line, so a card is edited on any phone or office PC without a list editor. These functions
 * turn a card into the form's texts and back; the card schema then judges the result.
 */
import type { LessonCard, LessonCardFields, Localized, OfficialLinkKind } from '../../../core/lessons/card';
import type { SkillCode } from '../../../core/skills/catalogue';

export interface CardForm {
  key: string;
  skill: SkillCode;
  titleVi: string;
  titleEn: string;
  summaryVi: string;
  summaryEn: string;
  /** One step per line. */
  stepsVi: string;
  /** One per line, in the order of the Vietnamese steps; a missing line repeats the Vietnamese. */
  stepsEn: string;
  warningsVi: string;
  warningsEn: string;
  /** Ways people ask, one per line or separated by commas. */
  keywords: string;
  /** "Tên nguồn | https://…", one per line. */
  sources: string;
  /** "android | https://play.google.com/… | Nhãn", one per line. */
  links: string;
  needsSmartphone: boolean;
  hidden: boolean;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The form's texts for a card (a new card starts from `emptyForm`). */
export function formOf(card: LessonCard): CardForm {
  return {
    key: card.key,
    skill: card.skill,
    titleVi: card.title.vi,
    titleEn: card.title.en,
    summaryVi: card.summary.vi,
    summaryEn: card.summary.en,
    stepsVi: card.steps.map((s) => s.vi).join('\n'),
    stepsEn: card.steps.map((s) => s.en).join('\n'),
    warningsVi: card.warnings.map((w) => w.vi).join('\n'),
    warningsEn: card.warnings.map((w) => w.en).join('\n'),
    keywords: card.keywords.join('\n'),
    sources: card.sources.map((s) => `${s.title} | ${s.url}`).join('\n'),
    links: card.officialLinks.map((l) => `${l.kind} | ${l.url} | ${l.label.vi}`).join('\n'),
    needsSmartphone: card.needsSmartphone,
    hidden: card.hidden === true,
  };
}

export function emptyForm(): CardForm {
  return {
    key: '',
    skill: 'local_platforms',
    titleVi: '',
    titleEn: '',
    summaryVi: '',
    summaryEn: '',
    stepsVi: '',
    stepsEn: '',
    warningsVi: '',
    warningsEn: '',
    keywords: '',
    sources: '',
    links: '',
    // A commune's own card is most often a number to call or a place to go: no smartphone needed.
    needsSmartphone: false,
    hidden: false,
  };
}

/** Vietnamese lines paired with their English; English left empty repeats the Vietnamese. */
function pairs(vi: string, en: string): Localized[] {
  const english = lines(en);
  return lines(vi).map((text, i) => ({ vi: text, en: english[i] ?? text }));
}

/**
 * The card's fields from the form, over the card it edits (`base`: its role, prerequisites and what
 * the form does not show). A new card is a help card of its skill with no prerequisites: the
 * commune's own extra (its hotline, the province's platform), found by the question box and listed
 * under its skill. A malformed line is kept as typed so the schema names its field.
 */
export function fieldsOf(form: CardForm, base: LessonCard | undefined): LessonCardFields {
  const english = (en: string, vi: string) => (en.trim() === '' ? vi : en);
  return {
    key: form.key.trim(),
    version: base?.version ?? 1,
    role: base?.role ?? 'help',
    skill: form.skill,
    prerequisites: base?.prerequisites ?? [],
    needsSmartphone: form.needsSmartphone,
    situations: base?.situations ?? [],
    reasonWords: base?.reasonWords ?? [],
    title: { vi: form.titleVi, en: english(form.titleEn, form.titleVi) },
    summary: { vi: form.summaryVi, en: english(form.summaryEn, form.summaryVi) },
    steps: pairs(form.stepsVi, form.stepsEn),
    warnings: pairs(form.warningsVi, form.warningsEn),
    keywords: form.keywords
      .split(/[\n,]/)
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    sources: lines(form.sources).map((line) => {
      const bar = line.lastIndexOf('|');
      return bar < 0
        ? { title: line, url: '' }
        : { title: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
    }),
    officialLinks: lines(form.links).map((line) => {
      const [kind = '', url = '', label = ''] = line.split('|').map((p) => p.trim());
      const text = label === '' ? url : label;
      // An unknown kind is kept as typed: the schema names the field.
      return { kind: kind as OfficialLinkKind, url, label: { vi: text, en: text } };
    }),
    ...(base?.illustration ? { illustration: base.illustration } : {}),
    ...(form.hidden ? { hidden: true } : {}),
  };
}

/** The form box a schema path belongs to ("steps.2.en" → stepsEn). */
export function boxOf(path: string): keyof CardForm | 'version' {
  const [head = '', , last] = path.split('.');
  switch (head) {
    case 'title':
    case 'summary':
    case 'steps':
    case 'warnings': {
      const en = path.endsWith('.en') || last === 'en';
      return `${head}${en ? 'En' : 'Vi'}` as keyof CardForm;
    }
    case 'officialLinks':
      return 'links';
    case 'key':
    case 'skill':
    case 'keywords':
    case 'sources':
    case 'needsSmartphone':
    case 'hidden':
      return head;
    default:
      return 'version';
  }
}
