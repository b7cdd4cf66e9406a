/**
 * The plan's indicators (issue 18): periods, targets, figures and drill-down lists. Pure: the
 * dashboard's worker, the app and the server all import from here.
 */
export { computeCommune, computeFigures } from './compute';
export { DRILL_KEYS, drillCount, drillDown, isDrillKey } from './drill';
export {
  dayOfInstant,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodOfDay,
  quartersOfTrend,
  vietnamMidnight,
} from './period';
export {
  FIRST_PLAN_YEAR,
  gapPeople,
  neededPeople,
  PLAN_TARGETS,
  type PlanTarget,
  targetsForYear,
} from './targets';
export * from './types';
