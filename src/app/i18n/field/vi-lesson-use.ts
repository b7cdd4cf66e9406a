/** Words for using lesson cards with residents and keeping the commune's cards (issue 20). */
export const viLessonUse = {
  'table.lessonCards': 'Thẻ bài học',
  'lost.record.lessonCards': 'thẻ bài học {name}',
} as const;
