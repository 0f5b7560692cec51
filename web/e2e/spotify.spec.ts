import { expect, test } from "@playwright/test";
import { axe, shotOf } from "./checks";
import { startServer, type Server } from "./global-setup";
import { signUp } from "./helpers";

test("link Spotify through its consent page, import with a progress bar, see the report", async ({ page }) => {
  await signUp(page, "robin", true);
  await page.goto("/account");
  await page.getByRole("button", { name: "Import from Spotify" }).click();
  // Not linked yet: the API's 409 in words.
  await expect(page.getByRole("alert")).toContainText(/link/i);

  await page.getByRole("button", { name: "Link Spotify", exact: true }).click();
  // Spotify's consent (the fake grants it at once) sends the browser back into the app.
  await expect(page).toHaveURL(/\/account\?spotify=linked$/);
  await expect(page.getByRole("status")).toContainText("Spotify is linked");

  await page.getByRole("button", { name: "Import from Spotify" }).click();
  const progress = page.getByRole("progressbar", { name: "Importing from Spotify" });
  await expect(progress).toBeVisible();
  await expect(page.getByRole("button", { name: "Import from Spotify" })).toBeDisabled();
  const report = page.getByRole("status", { name: "Import result" });
  await expect(report).toContainText("Imported 2 playlists and 8 tracks.", { timeout: 30_000 });
  await expect(report).toContainText("1 track could not be matched");
  await expect(report).toContainText("3 saved tracks added to your liked songs.");
  await expect(progress).toHaveCount(0);
  await axe(page, "/account after an import");
  await page.mouse.move(0, 0);
  await shotOf(page.locator(".card").filter({ has: page.getByRole("heading", { name: "Spotify" }) }), "spotify-import");

  // What the import wrote is there: the two playlists, and the saved tracks as likes.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playlists" }).click();
  await expect(page.getByRole("link", { name: "Road Trip" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Quiet Hours" })).toBeVisible();
  await page.getByRole("link", { name: "Quiet Hours" }).click();
  await expect(page.getByRole("list", { name: "Tracks" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Liked songs" }).click();
  await expect(page.getByRole("link", { name: "Track 8" })).toBeVisible();

  // Importing again creates no duplicates.
  await page.goto("/account");
  await page.getByRole("button", { name: "Import from Spotify" }).click();
  await expect(page.getByRole("status", { name: "Import result" })).toContainText("Imported 2 playlists", { timeout: 30_000 });
  await page.goto("/playlists");
  await expect(page.getByRole("link", { name: "Road Trip" })).toHaveCount(1);

  // Unlinked: an import is refused again.
  await page.goto("/account");
  await page.getByRole("button", { name: "Unlink Spotify" }).click();
  await expect(page.getByRole("status")).toContainText("unlinked");
  await page.getByRole("button", { name: "Import from Spotify" }).click();
  await expect(page.getByRole("alert")).toContainText(/link/i);
});

test.describe("without Spotify configured", () => {
  let server: Server;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = await startServer();
  });
  test.afterAll(async () => server?.stop());

  test("linking and importing show the API's 503 as an alert", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signUp(page, "nospotify");
    await page.goto("/account");
    await page.getByRole("button", { name: "Link Spotify", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(/Spotify.*not configured/i);
    await expect(page).toHaveURL(/\/account$/);
    await page.getByRole("button", { name: "Import from Spotify" }).click();
    await expect(page.getByRole("alert")).toContainText(/Spotify.*not configured/i);
    await expect(page.getByRole("progressbar", { name: "Importing from Spotify" })).toHaveCount(0);
    await context.close();
  });
});
