import { describe, expect, it } from "vitest";
import { moveBody, moved } from "./reorder";

/** What the server does with a Spotify reorder body, to check the bodies against. */
function serverMove<T>(items: T[], rangeStart: number, insertBefore: number): T[] {
  const block = items.slice(rangeStart, rangeStart + 1);
  const rest = [...items.slice(0, rangeStart), ...items.slice(rangeStart + 1)];
  const at = insertBefore > rangeStart ? insertBefore - 1 : insertBefore;
  return [...rest.slice(0, at), ...block, ...rest.slice(at)];
}

describe("moveBody", () => {
  const items = ["a", "b", "c", "d"];
  it("moves down by inserting after the target", () => {
    expect(moveBody(0, 1)).toEqual({ range_start: 0, insert_before: 2 });
  });
  it("moves up by inserting before the target", () => {
    expect(moveBody(3, 1)).toEqual({ range_start: 3, insert_before: 1 });
  });
  it("agrees with the local move for every pair", () => {
    for (let from = 0; from < items.length; from++) {
      for (let to = 0; to < items.length; to++) {
        const body = moveBody(from, to);
        expect(serverMove(items, body.range_start, body.insert_before)).toEqual(moved(items, from, to));
      }
    }
  });
});
