/**
 * The lesson cards' one content rule (issue 20): no card may ask anyone to type a secret into Ngõ Số
 * or to hand it to another person. A secret is a password, a passcode or PIN, an OTP / one-time
 * code, the answers to security questions, or an ID-card number (DESIGN §7: never stored, never
 * seen by a team member; DOMAIN "VNeID": at activation the resident types these themselves, and the
 * police never ask for them by phone).
 *
 * `forbidden-data.ts` refuses a secret's *value* in a stored text; this rule reads the *instruction*
 * around the word: "Đọc mã OTP cho tổ viên" holds no value, yet it is what a card must never say.
 *
 * How a text is read: split into sentences, folded (`foldForSearch`: no marks, lower case, "đ" as
 * "d"), cut into words and clause marks (",", ":", brackets, dashes). A sentence asks for a secret
 * when it names one and holds an action on it that is neither negated ("không", "đừng", "never",
 * "do not" within the clause, a few words before) nor a description of someone else's act (a scammer,
 * the system or app sending a code, a passive "được gửi"):
 * - handing over ("đưa", "gửi", "đọc", "cung cấp", "chia sẻ", "cho … biết"; "give", "tell",
 *   "send", "share", "read out"…) or asking for it ("hỏi", "xin", "yêu cầu"; "ask", "request"),
 *   with the secret as its object, or the secret named earlier and a person to receive it after;
 * - typing or recording it ("nhập", "gõ", "điền", "ghi", "lưu", "chụp"; "type", "enter",
 *   "write", "save"…) into Ngõ Số, or by someone other than the resident ("tổ viên nhập", "nhập
 *   hộ"), or with no place named at all (on a card in Ngõ Số that reads as a field to fill). Typing
 *   it oneself ("tự nhập", "yourself") or into the official app ("vào VNeID", the bank's app)
 *   passes.
 *
 * Precision over cleverness: the rule serves text we write and review, so an unclear instruction is
 * flagged and rewritten ("Tự nhập mã OTP vào VNeID"), never argued with. Known gaps: a secret implied
 * without its name ("đọc dãy số vừa nhận"), and word orders far from the ones above.
 * Pure: no DOM, no Node APIs.
 */
import { foldForSearch } from '../search';
import type { LessonCardFields } from './card';

type Phrases = readonly (readonly string[])[];

/** Words of one or more phrases, "|"-separated, each phrase's words space-separated (folded). */
function phrases(list: string): Phrases {
  return list.split('|').map((p) => p.split(' '));
}

/** Secrets by name, Vietnamese and English (folded). "Thẻ căn cước" alone is the card, not its number. */
const SECRETS = phrases(
  'mat khau|mat ma|passcode|ma pin|otp|ma xac thuc|ma xac nhan|ma mot lan|ma dung mot lan|' +
    'cau tra loi bao mat|tra loi bao mat|cau hoi bao mat|so cccd|so can cuoc|so the can cuoc|' +
    'so dinh danh|ma dinh danh|ma so dinh danh|so cmnd|so cmt|so chung minh|' +
    'password|passwords|pin code|your pin|one time code|one time codes|one time password|' +
    'verification code|sms code|security answer|security answers|security question|security questions|' +
    'id number|id card number|identity number|identification number|' +
    // A one-time code named by what it is, not by its name (breaker, issue 20): "mã 6 số trong tin nhắn".
    'ma 6 so|ma sau so|ma 4 so|ma trong tin nhan|ma so trong tin nhan|ma vua nhan|ma gui ve|ma ngan hang gui|' +
    'code in the text|code in the message|6 digit code|six digit code|' +
    // Images of ID documents are sensitive data (Nghị định 356/2025/NĐ-CP; DESIGN §7).
    'anh can cuoc|anh cccd|anh cmnd|anh the can cuoc|anh chung minh|anh giay to|' +
    'photo of the id|photo of your id|id card photo|picture of the id',
);
/** Names that mean the number only when typed ("nhập CCCD"): handing over the card itself is allowed. */
const TYPED_SECRETS = phrases('cccd|cmnd|can cuoc|the can cuoc|dinh danh ca nhan');

const NGO_SO = phrases('ngo so|ngoso');
/** The official places a resident types their own secrets into (DOMAIN "VNeID"; the bank's own app). */
const OFFICIAL = phrases(
  'vneid|ung dung ngan hang|app ngan hang|ung dung cua ngan hang|bank app|bank s app|banking app|' +
    'dich vu cong|dichvucong|binhdanhocvuso|ung dung chinh thuc|official app',
);

type VerbKind = 'handover' | 'read' | 'request' | 'type' | 'record';

const VERBS: ReadonlyArray<readonly [VerbKind, Phrases]> = [
  [
    'handover',
    phrases(
      'dua|gui|trao|cung cap|chia se|noi cho|noi ra|bao cho|tiet lo|' +
        'give|tell|send|share|hand|provide|show|say|disclose|reveal|forward',
    ),
  ],
  ['read', phrases('doc|read')],
  ['request', phrases('hoi|xin|yeu cau|doi hoi|ask|asks|asking|request|demand|collect')],
  ['type', phrases('nhap|go|dien|khai|type|enter|fill|key|input')],
  ['record', phrases('ghi|luu|chup|chep|write|note|save|record|photograph')],
];

const NEGATIONS = new Set(['khong', 'chang', 'cam', 'never', 'not', 'nobody']);
/** Words that end the reach of a negation or a subject: "Không cần lo rồi đưa…" is not negated. */
const BREAKERS = new Set(['thi', 'roi', 'va', 'nhung', 'and', 'then', 'but']);
/** Modal and time words skipped when looking for the subject right before a verb. */
const MODALS = new Set(['se', 'vua', 'da', 'dang', 'cung', 'luon', 'will', 'also', 'always', 'then']);

/** Whoever acts when they stand before the verb: someone other than the resident. */
const OTHER_ACTORS = phrases(
  'to vien|to truong|to cong nghe so|nguoi huong dan|can bo|cong an|nhan vien|nguoi khac|nguoi la|' +
    'nguoi than|con chau|con trai|con gai|hang xom|helper|helpers|team member|member|officer|police|' +
    'staff|someone|somebody|stranger|relative|neighbour|neighbor|caller|another person|others',
);
/** The resident acting: "người dân tự nhập", "you type". */
const SELF_ACTORS = phrases(
  'nguoi dan|nguoi hoc|chu tai khoan|chinh minh|ban than|tu minh|ban|minh|you|yourself|resident|residents|learner',
);
const SELF_AFTER = phrases('yourself|themselves|herself|himself|tu lam|chinh minh');
/** After a typing verb: someone types on the resident's behalf ("nhập hộ", "nhập giúp bà"). */
const FOR_SOMEONE = phrases(
  'giup|gium|ho|for them|for her|for him|for the resident|on their behalf|on behalf',
);
/** A description of a scam, not an instruction ("kẻ gian yêu cầu đọc mã OTP"). */
const SCAM = phrases(
  'ke gian|ke lua dao|ke xau|lua dao|doi tuong|gia danh|mao danh|gia mao|toi pham|' +
    'scammer|scammers|fraudster|fraudsters|crook|crooks|scam|scams|fake|impostor|impostors|criminals',
);
/** A system acting ("hệ thống gửi mã", "VNeID gửi mã", "the app asks"), right before the verb. */
const SYSTEM = phrases('he thong|ung dung|vneid|ngan hang|tong dai|app|system|bank');
const PASSIVE = new Set(['duoc', 'bi', 'is', 'are', 'was', 'were', 'be']);
const CONDITIONS = new Set(['neu', 'khi', 'if', 'when']);
/** Who may receive a secret after "cho" / "to" / "with", besides `OTHER_ACTORS`. */
const RECIPIENTS = phrases(
  'ai|nguoi|ban be|ke gian|doi tuong|anyone|anybody|them|him|her|us|strangers|people|scammers',
);
const DETERMINERS = new Set(['the', 'a', 'an', 'your', 'their', 'any', 'my']);
/** How far after a verb its object may be, in words. */
const OBJECT_REACH = 8;
/** How far before a verb a negation or a subject may be, in words (within the clause). */
const SUBJECT_REACH = 6;

const CLAUSE = ',';

/** Sentences: a secret in one sentence and a verb in the next are two instructions, not one. */
function sentences(text: string): string[] {
  return text.split(/[.!?;…]+(?=\s|$)|\n+/);
}

/** Folded words and clause marks: "Tự nhập mật khẩu, không đưa" → tu nhap mat khau , khong dua. */
function tokenize(sentence: string): string[] {
  const folded = foldForSearch(sentence)
    .replace(/n['’]t\b/g, ' not')
    .replace(/\s[-–—]+\s/g, ' , ')
    .replace(/(?<=[a-z0-9])[-'’](?=[a-z0-9])/g, ' ');
  return (folded.match(/[a-z0-9]+|[,:()[\]]/g) ?? []).map((t) => (/^[a-z0-9]/.test(t) ? t : CLAUSE));
}

/** The length of the longest phrase of `list` starting at `at`, or 0. */
function phraseAt(tokens: readonly string[], at: number, list: Phrases): number {
  let best = 0;
  for (const phrase of list) {
    if (phrase.length > best && phrase.every((word, k) => tokens[at + k] === word)) best = phrase.length;
  }
  return best;
}

function anyPhrase(tokens: readonly string[], from: number, to: number, list: Phrases): boolean {
  for (let i = Math.max(0, from); i < Math.min(tokens.length, to); i++) {
    if (phraseAt(tokens, i, list) > 0) return true;
  }
  return false;
}

/** Whether the word at `at` is part of a phrase of `list` (starting there or up to three words before). */
function coveredBy(tokens: readonly string[], at: number, list: Phrases): boolean {
  for (let k = 0; k <= 3 && at - k >= 0; k++) if (phraseAt(tokens, at - k, list) > k) return true;
  return false;
}

interface Verb {
  kind: VerbKind;
  at: number;
  length: number;
}

function verbAt(tokens: readonly string[], at: number): Verb | undefined {
  const word = tokens[at];
  const next = tokens[at + 1];
  // "câu hỏi bảo mật" is a secret's name, "điện thoại" a phone: neither is an action.
  if (word === 'hoi' && tokens[at - 1] === 'cau') return undefined;
  if (word === 'dien' && next !== undefined && /^(?:thoai|tu|luc|may|ap)$/.test(next)) return undefined;
  if (word === 'dien' && tokens[at - 1] === 'goi') return undefined;
  // English "go to the police" is not "gõ" (type).
  if (word === 'go' && next !== undefined && /^(?:to|back|home|with|there|out|in|for)$/.test(next)) {
    return undefined;
  }
  if (word === 'cho') {
    // "cho tổ viên biết mật khẩu": the verb spans "cho … biết".
    for (let k = 1; k <= 4; k++) {
      const later = tokens[at + k];
      if (later === undefined || later === CLAUSE) break;
      if (later === 'biet') return { kind: 'handover', at, length: k + 1 };
    }
    return undefined;
  }
  for (const [kind, list] of VERBS) {
    const length = phraseAt(tokens, at, list);
    if (length > 0) return { kind, at, length };
  }
  return undefined;
}

/** The words of the verb's clause before it, nearest first, up to a breaker. */
function before(tokens: readonly string[], at: number): number[] {
  const out: number[] = [];
  for (let j = at - 1; j >= 0 && out.length < SUBJECT_REACH; j--) {
    const word = tokens[j] as string;
    if (word === CLAUSE || BREAKERS.has(word)) break;
    out.push(j);
  }
  return out;
}

function negated(tokens: readonly string[], verb: Verb): boolean {
  return before(tokens, verb.at).some((j) => {
    const word = tokens[j] as string;
    if (NEGATIONS.has(word)) return true;
    if (word === 'no' && tokens[j + 1] === 'one') return true;
    // "dung" is "đừng" (don't) only next to the verb or before "bao giờ" / "có": it is also "dùng", "đúng".
    return word === 'dung' && (j === verb.at - 1 || tokens[j + 1] === 'bao' || tokens[j + 1] === 'co');
  });
}

/**
 * Whether the verb tells of a scammer's act ("Kẻ gian gọi điện, yêu cầu đọc mã OTP"), not an
 * instruction: a scammer named anywhere before it in the sentence, or a request under "nếu" / "if".
 */
function scamStory(tokens: readonly string[], verb: Verb): boolean {
  for (let j = 0; j < verb.at; j++) if (phraseAt(tokens, j, SCAM) > 0) return true;
  return verb.kind === 'request' && before(tokens, verb.at).some((j) => CONDITIONS.has(tokens[j] as string));
}

/** Whether the verb's subject is the system or the verb is passive: "hệ thống sẽ gửi mã", "mã được gửi". */
function systemAct(tokens: readonly string[], verb: Verb): boolean {
  const subject = before(tokens, verb.at).find((j) => !MODALS.has(tokens[j] as string));
  if (subject === undefined) return false;
  return PASSIVE.has(tokens[subject] as string) || coveredBy(tokens, subject, SYSTEM);
}

/** Whether a secret is named within the verb's object (after it, up to a clause mark or a negation). */
function secretAfter(tokens: readonly string[], from: number, reach: number, typed: boolean): boolean {
  for (let i = from; i < Math.min(tokens.length, from + reach); i++) {
    const word = tokens[i] as string;
    if (word === CLAUSE || NEGATIONS.has(word)) return false;
    if (phraseAt(tokens, i, SECRETS) > 0 || (typed && phraseAt(tokens, i, TYPED_SECRETS) > 0)) return true;
  }
  return false;
}

/** "… cho tổ viên", "… to the helper", "… with anyone": a person to receive what the verb hands over. */
function recipientAfter(tokens: readonly string[], from: number): boolean {
  for (let i = from; i < Math.min(tokens.length, from + OBJECT_REACH); i++) {
    const word = tokens[i];
    if (word !== 'cho' && word !== 'to' && word !== 'with') continue;
    let k = i + 1;
    while (k < i + 3 && DETERMINERS.has(tokens[k] ?? '')) k++;
    if (phraseAt(tokens, k, OTHER_ACTORS) > 0 || phraseAt(tokens, k, RECIPIENTS) > 0) return true;
  }
  return false;
}

/** Whether a secret is named in the verb's clause before it ("mật khẩu thì tổ viên nhập"). */
function secretBefore(tokens: readonly string[], at: number, typed: boolean): boolean {
  for (let j = at - 1; j >= 0 && tokens[j] !== CLAUSE; j--) {
    if (coveredBy(tokens, j, SECRETS) || (typed && coveredBy(tokens, j, TYPED_SECRETS))) return true;
  }
  return false;
}

/** Who types: the nearest actor before the verb in its clause, else someone named right after it. */
function typist(tokens: readonly string[], verb: Verb): 'self' | 'other' | 'system' | undefined {
  const end = verb.at + verb.length;
  if (tokens[verb.at - 1] === 'tu' || anyPhrase(tokens, end, tokens.length, SELF_AFTER)) return 'self';
  for (const j of before(tokens, verb.at)) {
    if (coveredBy(tokens, j, OTHER_ACTORS)) return 'other';
    if (coveredBy(tokens, j, SELF_ACTORS)) return 'self';
    if (coveredBy(tokens, j, SYSTEM)) return 'system';
  }
  for (let i = end; i < Math.min(tokens.length, end + 5) && tokens[i] !== CLAUSE; i++) {
    // "nhập họ tên" is typing one's full name, not typing on someone's behalf.
    if (tokens[i] === 'ho' && tokens[i + 1] === 'ten') continue;
    if (phraseAt(tokens, i, FOR_SOMEONE) > 0) return 'other';
  }
  return undefined;
}

function sentenceAsks(sentence: string): boolean {
  const tokens = tokenize(sentence);
  const named = tokens.some(
    (_, i) => phraseAt(tokens, i, SECRETS) > 0 || phraseAt(tokens, i, TYPED_SECRETS) > 0,
  );
  if (!named) return false;
  const intoNgoSo = anyPhrase(tokens, 0, tokens.length, NGO_SO);
  const intoOfficial = anyPhrase(tokens, 0, tokens.length, OFFICIAL);

  for (let at = 0; at < tokens.length; at++) {
    const verb = verbAt(tokens, at);
    if (!verb || negated(tokens, verb) || scamStory(tokens, verb)) continue;
    const end = verb.at + verb.length;
    switch (verb.kind) {
      case 'handover':
      case 'request':
        // A person to receive it makes it an instruction whoever the subject is; without one, the
        // system sending a code ("hệ thống gửi mã OTP") is a description.
        if (secretBefore(tokens, verb.at, false) && recipientAfter(tokens, end)) return true;
        if (
          secretAfter(tokens, end, OBJECT_REACH, false) &&
          (recipientAfter(tokens, end) || !systemAct(tokens, verb))
        ) {
          return true;
        }
        break;
      case 'read': {
        // "Đọc mã OTP", "đọc to", "read it out": reading a secret aloud hands it to whoever listens;
        // "đọc kỹ tin nhắn" (read the message carefully) does not.
        if (systemAct(tokens, verb)) break;
        const aloud = /^(?:to|len|aloud|out)$/.test(tokens[end] ?? '');
        const named = secretBefore(tokens, verb.at, false);
        const toSomeone = recipientAfter(tokens, end);
        if (secretAfter(tokens, end, 3, false)) return true;
        if (toSomeone && (named || secretAfter(tokens, end, OBJECT_REACH, false))) return true;
        if (aloud && (named || secretAfter(tokens, end + 1, OBJECT_REACH, false))) return true;
        break;
      }
      case 'type':
      case 'record': {
        if (!secretAfter(tokens, end, OBJECT_REACH, true) && !secretBefore(tokens, verb.at, true)) break;
        if (intoNgoSo) return true;
        const who = typist(tokens, verb);
        if (who === 'other') return true;
        if (who === 'self' || who === 'system' || intoOfficial) break;
        // Typing a secret with no place named reads, on a card in Ngõ Số, as a field to fill here.
        if (verb.kind === 'type') return true;
        break;
      }
    }
  }
  return false;
}

/**
 * Whether `text` (Vietnamese or English) asks someone to type a password, passcode, OTP / one-time
 * code, security answers or an ID number into Ngõ Số, or to hand one to another person. True for
 * "Đọc mã OTP cho tổ viên", "Nhập số CCCD vào Ngõ Số", "Give the helper your password"; false
 * for "Tự nhập mật khẩu trên VNeID, không đưa cho ai" and "Never tell anyone your OTP".
 * Rule: DESIGN §7 (secrets are never stored nor seen by a team member); DOMAIN "VNeID" (activation:
 * the resident types these themselves; the police never ask for them by phone). See the module
 * comment for how a text is read. Never throws.
 */
export function asksForSecret(text: string): boolean {
  return sentences(text).some(sentenceAsks);
}

/** The parts of a card a resident reads or hears: title, summary, steps, warnings, link labels. */
export type CardTexts = Pick<LessonCardFields, 'title' | 'summary' | 'steps' | 'warnings' | 'officialLinks'>;

/**
 * The texts of a card, in both languages, that ask for a secret (`asksForSecret`), in card order:
 * empty for a card that may be shown. Keywords are not read: they are how people ask, not what the
 * card tells them to do.
 */
export function cardSecretRequests(card: CardTexts): string[] {
  const texts = [
    card.title,
    card.summary,
    ...card.steps,
    ...card.warnings,
    ...card.officialLinks.map((link) => link.label),
  ];
  return texts.flatMap((t) => [t.vi, t.en]).filter(asksForSecret);
}
