import { expect, test } from "@playwright/test";
import { newPlaylist, signUp } from "./helpers";

// The e2e server issues one-minute access tokens (FASTFM_ACCESS_TOKEN_MINUTES=1).
test("the access token is refreshed silently before it expires, and after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "refresh");
  await newPlaylist(page, "Kept list");
  const refreshes: number[] = [];
  const started = Date.now();
  page.on("response", (r) => {
    if (r.url().endsWith("/api/v1/auth/session/refresh") && r.status() === 200) refreshes.push(Date.now() - started);
  });
  const unauthorized: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 401) unauthorized.push(r.url());
  });
  // Past the first token's lifetime, with the page left alone.
  await page.waitForTimeout(62_000);
  expect(refreshes.length).toBeGreaterThanOrEqual(1);
  expect(refreshes[0]).toBeLessThan(60_000);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playlists" }).click();
  await expect(page.getByRole("link", { name: "Kept list" })).toBeVisible();
  expect(unauthorized).toEqual([]);
  await page.reload();
  await expect(page.getByRole("link", { name: "Kept list" })).toBeVisible();
  await expect(page).toHaveURL(/\/playlists$/);
});
