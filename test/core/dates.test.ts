import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate } from "../../src/render/dates.js";

describe("formatDate", () => {
  it("gives the UTC date without ICU exactly as the Intl formatter does", () => {
    const intl = new Intl.DateTimeFormat("en-CA", {
      timeZone: "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-12-31T23:59:59Z"), noInvalidDate: true }),
        (d) => {
          expect(formatDate(d, "UTC")).toBe(intl.format(d));
        },
      ),
    );
    expect(formatDate(new Date("2026-03-31T23:59:59.999Z"), "UTC")).toBe("2026-03-31");
  });

  it("gives the local date of other time zones", () => {
    const late = new Date("2026-03-31T23:30:00Z");
    expect(formatDate(late, "Pacific/Auckland")).toBe("2026-04-01");
    expect(formatDate(late, "America/Los_Angeles")).toBe("2026-03-31");
    expect(formatDate(new Date("2026-04-01T03:00:00Z"), "America/Los_Angeles")).toBe("2026-03-31");
  });
});
