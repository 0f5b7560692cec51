import { describe, expect, it } from "vitest";
import { toCredits, toRows } from "./credits";

describe("credit rows", () => {
  it("round-trip a song's credits, blank details becoming null", () => {
    const rows = toRows([
      { artist: { id: 3, name: "Mei" }, role: "producer", detail: null },
      { artist: { id: 5, name: "Kato" }, role: "performer", detail: "cello" },
    ]);
    expect(rows).toEqual([
      { artistId: "3", role: "producer", detail: "" },
      { artistId: "5", role: "performer", detail: "cello" },
    ]);
    expect(toCredits([...rows, { artistId: "3", role: "composer", detail: "  " }])).toEqual([
      { artist_id: 3, role: "producer", detail: null },
      { artist_id: 5, role: "performer", detail: "cello" },
      { artist_id: 3, role: "composer", detail: null },
    ]);
  });
  it("refuse a row without an artist, naming it", () => {
    expect(() => toCredits([{ artistId: "1", role: "producer", detail: "" }, { artistId: "", role: "composer", detail: "" }])).toThrow(
      "Choose an artist for credit 2.",
    );
  });
});
