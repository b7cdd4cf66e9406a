import type { viLessons } from './vi-lessons';

/** English words of the lesson card screens (issue 20, parts 2 and 5). */
export const enLessons: Record<keyof typeof viLessons, string> = {
  'lessons.intro':
    'Short cards for teaching residents at home: open a card, read each step aloud, print a handout to leave.',
  'lessons.empty': 'No guide cards yet.',
  'lessons.helpBadge': 'Fixing a problem',
  'lessons.back': 'All guide cards',
  'lessons.notFound': 'There is no such guide card.',
  'lessons.skill': 'Skill: {skill}',
  'lessons.steps': 'Steps',
  'lessons.warnings': 'Important',
  'lessons.officialLinks': 'Official pages',
  'lessons.sources': 'Sources',
  'lessons.version': 'Version {version}',
  'lessons.openHandout': 'Handout to print',
  'lessons.illustration': 'Illustration: {title}',

  'lessons.readAll': 'Read the whole card aloud',
  'lessons.stop': 'Stop',
  'lessons.readStep': 'Read this step',
  'lessons.preparing': 'Getting the voice ready…',
  'lessons.nowIntro': 'Reading: the title',
  'lessons.nowStep': 'Reading: step {n}/{total}',
  'lessons.nowWarning': 'Reading: a warning',
  'lessons.stopReading': 'Stop reading',
  'lessons.rate': 'Reading speed',
  'lessons.rate.slow': 'Slow',
  'lessons.rate.medium': 'Medium',
  'lessons.rate.fast': 'Fast',
  'lessons.speechFailed': 'The phone could not read aloud ({error}). Tap read again.',
  'lessons.unsupported': 'This browser cannot read aloud. Open Ngõ Số in Chrome.',
  'lessons.noVoice': 'This phone has no Vietnamese voice yet, so it cannot read aloud.',
  'lessons.noVoiceHow': 'How to add a Vietnamese voice on an Android phone:',
  'lessons.noVoice.1': 'Open the phone\'s Settings, search for "speech" and choose "Text-to-speech output".',
  'lessons.noVoice.2':
    'Under "Preferred engine", choose "Speech Services by Google" (if it is missing, install it from Google Play).',
  'lessons.noVoice.3':
    'Tap the gear next to it, choose "Install voice data", choose "Vietnamese" and download it (Wi-Fi is best).',
  'lessons.noVoice.4': 'Close Chrome completely, open Ngõ Số again and tap "Read the whole card aloud".',
  'lessons.noVoiceNote':
    'Menu names differ a little between phones. Ngõ Số never reads Vietnamese text in a foreign voice.',

  'lessons.print.title': 'Handout: {title}',
  'lessons.print.size': 'Paper size',
  'lessons.print.a5': 'A5 size',
  'lessons.print.a6': 'A6 size',
  'lessons.print.button': 'Print the handout',
  'lessons.print.hint':
    'A5 is half an A4 sheet, A6 a quarter. In the print dialog, choose the same paper size.',
  'lessons.print.back': 'Back to the card',
  'lessons.print.qrLoading': 'Making the QR codes…',

  'lessons.speak.intro': '{title}. {summary}',
  'lessons.speak.step': 'Step {n}. {text}',
  'lessons.speak.warning': 'Warning. {text}',

  'lessons.handout.steps': 'Steps',
  'lessons.handout.warnings': 'Warnings',
  'lessons.handout.scan': 'Scan a code to open the real official page:',
  'lessons.handout.qr': 'QR code: {label}',
  'lessons.handout.version': 'Card "{key}", version {version}, printed {day}.',
  'lessons.handout.sources': 'Sources:',
  'lessons.handout.team': 'Community digital technology team',
};
