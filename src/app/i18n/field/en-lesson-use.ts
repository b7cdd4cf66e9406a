/** Words for using lesson cards with residents and keeping the commune's cards (issue 20). */
export const enLessonUse = {
  'table.lessonCards': 'Lesson card',
  'lost.record.lessonCards': 'lesson card {name}',
} as const;
