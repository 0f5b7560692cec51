import { describe, expect, it } from "vitest";
import { describeImport } from "./importResult";

const result = (skipped: number, saved: number, added: number, missing: string[] = []) => ({
  playlists: { imported: 2, created: 2, updated: 0, not_found: missing },
  tracks: { distinct: 1, created: 1, skipped_total: skipped },
  likes: { saved_tracks: saved, added },
});

describe("describeImport", () => {
  it("counts playlists, tracks, unmatched tracks and likes", () => {
    expect(describeImport(result(3, 3, 2))).toEqual([
      "Imported 2 playlists and 1 track.",
      "3 tracks could not be matched (local files or unavailable).",
      "2 saved tracks added to your liked songs.",
    ]);
  });
  it("says when everything matched, leaves out likes when none were saved, names missing playlists", () => {
    expect(describeImport(result(0, 0, 0, ["x"]))).toEqual([
      "Imported 2 playlists and 1 track.",
      "Every track was matched.",
      "1 playlist no longer exists on Spotify.",
    ]);
  });
});
