// Building an `Intl.DateTimeFormat` costs far more than using one, and a zone's wall clock is read
// thousands of times when a schedule is resolved or a directory's hours are checked.

/** A getter of one `en-US` formatter per time zone for `options`, each built on first use and kept. */
export function zoneFormatter(options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = byZone.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
      byZone.set(timeZone, format);
    }
    return format;
  };
}
