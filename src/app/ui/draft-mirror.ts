/**
 * The sessionStorage keys under which a form's draft is mirrored (see use-form-draft.ts). On its own
 * so that erasing a phone's drafts (sync/erase-local.ts, loaded with the app) does not pull the whole
 * form-draft hook into the first load.
 */
export const DRAFT_MIRROR_PREFIX = 'ngo-so:draft:';
