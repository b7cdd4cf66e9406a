import { viCatalogue } from './field/vi-catalogue';
import { viClasses } from './field/vi-classes';
import { viDashboard } from './field/vi-dashboard';
import { viDevices } from './field/vi-devices';
import { viErasure } from './field/vi-erasure';
import { viFill } from './field/vi-fill';
import { viImport } from './field/vi-import';
import { viLessonUse } from './field/vi-lesson-use';
import { viLessons } from './field/vi-lessons';
import { viLost } from './field/vi-lost';
import { viRecords } from './field/vi-records';
import { viRegisterIo } from './field/vi-register-io';
import { viRegisterStatus } from './field/vi-register-status';
import { viReport } from './field/vi-report';
import { viRound } from './field/vi-round';
import { viSkills } from './field/vi-skills';
import { viTargets } from './field/vi-targets';
import { viUnits } from './field/vi-units';
import { viVisitSteps } from './field/vi-visit-steps';
import { viVisits } from './field/vi-visits';

/**
 * The Vietnamese words of the screens that load on demand (record forms, admin, visits, skills, classes,
 * erasure, the skill catalogue, edits that lost, the phones' sync, the register's import and export): a chunk of their own, loaded before any of those screens renders (App.tsx) and right
 * after the first screen, so they never count against the first-load budget (DESIGN §6). A word the
 * first screens use belongs in `vi.ts`; `tests/e2e/first-load-words.test.ts` checks the built app.
 */
export const viLater = {
  ...viCatalogue,
  ...viVisits,
  ...viRound,
  ...viSkills,
  ...viVisitSteps,
  ...viClasses,
  ...viErasure,
  ...viRecords,
  ...viFill,
  ...viLost,
  ...viDevices,
  ...viImport,
  ...viRegisterIo,
  ...viRegisterStatus,
  ...viTargets,
  ...viReport,
  ...viDashboard,
  ...viUnits,
  ...viLessonUse,
  ...viLessons,
} as const satisfies Record<string, string>;
