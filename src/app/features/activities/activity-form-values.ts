import type { Activity, ActivityKind } from '../../../core/schemas';
import { parseCount } from '../units/figures-form-values';

/** What the activity form holds, as typed, before the schema parses it. */
export interface ActivityFormValues {
  date: string;
  kind: ActivityKind | '';
  title: string;
  reach: string;
  notes: string;
}

export function newActivityForm(today: string): ActivityFormValues {
  return { date: today, kind: '', title: '', reach: '', notes: '' };
}

export function activityToForm(a: Activity): ActivityFormValues {
  return {
    date: a.date,
    kind: a.kind,
    title: a.title ?? '',
    reach: a.reach === undefined ? '' : String(a.reach),
    notes: a.notes ?? '',
  };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Form values → the shape activityFields checks; an empty reach is "not counted", never 0. */
export function formToActivityInput(values: ActivityFormValues) {
  return {
    date: values.date,
    kind: values.kind === '' ? undefined : values.kind,
    title: optional(values.title),
    reach: parseCount(values.reach),
    notes: optional(values.notes),
  };
}
