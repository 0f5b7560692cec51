import { describe, expect, it } from "vitest";
import { nextPath, parseDuration } from "./input";

describe("nextPath", () => {
  it("keeps a path on this site", () => {
    expect(nextPath("/playlists/3?x=1")).toBe("/playlists/3?x=1");
  });
  it("refuses other sites and the auth pages", () => {
    for (const bad of [null, "", "https://evil.example", "//evil.example", "/login", "/register"]) {
      expect(nextPath(bad)).toBe("/");
    }
  });
});

describe("parseDuration", () => {
  it("reads m:ss and plain seconds", () => {
    expect(parseDuration("3:25")).toBe(205_000);
    expect(parseDuration("90")).toBe(90_000);
  });
  it("refuses nonsense and zero", () => {
    expect(parseDuration("abc")).toBeNull();
    expect(parseDuration("0:00")).toBeNull();
  });
});
