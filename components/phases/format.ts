const days = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "1 day", "2.5 days". */
export function formatDays(value: number): string {
  return `${days.format(value)} ${value === 1 ? "day" : "days"}`;
}
