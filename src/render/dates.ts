const formatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in an IANA time zone. */
export function formatDate(instant: Date, timeZone: string): string {
  // UTC, the default, needs no time zone data; the first Intl formatter of a process costs 10-20 ms (ICU start-up).
  if (timeZone === "UTC") return instant.toISOString().slice(0, 10);
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD; building a formatter is costly, so keep one per zone.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}
