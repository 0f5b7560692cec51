import { expect, test } from "@playwright/test";
import { addSongs, newPlaylist, signUp } from "./helpers";

test("tracks reorder by drag and drop", async ({ page }) => {
  await signUp(page, "dragger");
  await newPlaylist(page, "Dragged");
  const titles = await addSongs(page, "Dragged", 3);
  await page.goto("/playlists");
  await page.getByRole("link", { name: "Dragged" }).click();
  const tracks = page.getByRole("list", { name: "Tracks" }).getByRole("listitem");
  await expect(tracks).toHaveCount(3);
  await tracks.nth(2).dragTo(tracks.nth(0));
  await expect(tracks.nth(0)).toContainText(titles[2]);
  await expect(tracks.nth(1)).toContainText(titles[0]);
  await page.reload();
  await expect(tracks.nth(0)).toContainText(titles[2]);
});

test("a stale change shows an alert and the page shows the server's playlist", async ({ page, context }) => {
  await signUp(page, "stale");
  await newPlaylist(page, "Contested");
  const titles = await addSongs(page, "Contested", 2);
  await page.goto("/playlists");
  await page.getByRole("link", { name: "Contested" }).click();
  const tracks = page.getByRole("list", { name: "Tracks" }).getByRole("listitem");
  await expect(tracks).toHaveCount(2);
  // Someone else (another tab) removes the first track meanwhile.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole("list", { name: "Tracks" }).getByRole("listitem").first().getByRole("button", { name: "Remove" }).click();
  await expect(other.getByRole("list", { name: "Tracks" }).getByRole("listitem")).toHaveCount(1);
  await other.close();
  await tracks.nth(0).getByRole("button", { name: "Move down" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(tracks).toHaveCount(1);
  await expect(tracks.nth(0)).toContainText(titles[1]);
});
