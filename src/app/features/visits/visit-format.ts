/** "12/11" for a day of the current year, "12/11/2025" otherwise: how people write dates in the village. */
export function formatDay(day: string, today: string): string {
  const [year, month, date] = day.split('-');
  const short = `${date}/${month}`;
  return year === today.slice(0, 4) ? short : `${short}/${year}`;
}
