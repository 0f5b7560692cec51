import { describe, expect, it } from "vitest";
import { byRole, duration, longDuration, plural, roleName } from "./format";

describe("duration", () => {
  it("shows minutes and zero-padded seconds", () => {
    expect(duration(0)).toBe("0:00");
    expect(duration(5_000)).toBe("0:05");
    expect(duration(187_999)).toBe("3:07");
  });
  it("adds hours past an hour", () => {
    expect(duration(3_723_000)).toBe("1:02:03");
  });
  it("never goes negative", () => {
    expect(duration(-10)).toBe("0:00");
  });
});

describe("longDuration", () => {
  it("says seconds, minutes, hours", () => {
    expect(longDuration(30_000)).toBe("30 sec");
    expect(longDuration(42 * 60_000 + 59_000)).toBe("42 min");
    expect(longDuration(65 * 60_000)).toBe("1 hr 5 min");
  });
});

describe("credits", () => {
  it("groups by role in first-seen order", () => {
    const groups = byRole([
      { role: "producer", name: "a" },
      { role: "composer", name: "b" },
      { role: "producer", name: "c" },
    ]);
    expect(groups.map(([role, list]) => [role, list.map((c) => c.name)])).toEqual([
      ["producer", ["a", "c"]],
      ["composer", ["b"]],
    ]);
  });
  it("names roles for people", () => {
    expect(roleName("mixing_engineer")).toBe("Mixing engineer");
    expect(roleName("unknown_role")).toBe("unknown_role");
  });
  it("pluralises", () => {
    expect(plural(1, "track")).toBe("1 track");
    expect(plural(0, "track")).toBe("0 tracks");
  });
});
