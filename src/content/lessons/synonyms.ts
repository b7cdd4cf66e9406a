/**
 * The question box's synonym list (issue 20): data in synonyms.json, parsed here so a malformed
 * list fails the tests, never a phone. Imported only with the question box (it is not first-load).
 */
import { type SynonymList, synonymListSchema } from '../../core/lessons/question-box';
import raw from './synonyms.json';

export const BUNDLED_SYNONYMS: SynonymList = synonymListSchema.parse(raw);
