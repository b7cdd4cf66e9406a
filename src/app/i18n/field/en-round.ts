import type { viRound } from './vi-round';

export const enRound: Record<keyof typeof viRound, string> = {
  'round.filter.not_met': 'Not met – go back',
  'round.count.notMet': 'Not met – go back',
  'round.reason.not_met': 'Not met: nobody home {count} times',
  'round.triedToday': 'Knocked today',
  'round.visitAction': 'Visit ›',
  'round.visitLabel': 'Visit household {label}',
  'round.nextDoor': 'Next door',
  'village.laneOrder': 'Walking order of the lanes',
  'round.arrange': 'Set walking order',
  'round.arrangeDone': 'Done, back to the list',
  'round.arrangeTitle': 'Walking order',
  'round.arrangeHint':
    'Put the lanes, and the houses in each lane, in the order the team walks. Tap ↑ ↓; it saves at once.',
  'round.moveUp': 'Move {name} up',
  'round.moveDown': 'Move {name} down',
  'round.arrangeHouses': 'Order houses in {lane}',
  'round.orderSaved': 'Reordered: {name}',
  'round.orderUndone': 'The previous order is back.',
  'visits.nextDoor': 'Next door: {label} ›',
};
