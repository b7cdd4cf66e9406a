import type { Audience, ClassSession } from '../../../core/schemas';

/** What the class form holds, as typed, before the schema parses it. */
export interface ClassFormValues {
  date: string;
  startTime: string;
  topic: string;
  audience: Audience;
  venue: string;
  trainer: string;
  notes: string;
}

export function newClassForm(today: string, venue: string, trainer: string): ClassFormValues {
  return { date: today, startTime: '', topic: '', audience: 'community', venue, trainer, notes: '' };
}

export function classToForm(c: ClassSession): ClassFormValues {
  return {
    date: c.date,
    startTime: c.startTime ?? '',
    topic: c.topic,
    audience: c.audience,
    venue: c.venue,
    trainer: c.trainer,
    notes: c.notes ?? '',
  };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Form values → the shape classFields checks. The walk-in count is kept from the session being
 * edited: it is counted on the attendance screen, not typed here.
 */
export function formToClassInput(values: ClassFormValues, previous: ClassSession | undefined) {
  return {
    date: values.date,
    startTime: optional(values.startTime),
    topic: values.topic === '' ? undefined : values.topic,
    audience: values.audience,
    venue: values.venue,
    trainer: values.trainer,
    walkIns: previous?.walkIns ?? 0,
    notes: optional(values.notes),
  };
}
