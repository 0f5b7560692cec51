/**
 * The README's walk-through: a new user signs up, searches, builds a playlist, reorders
 * it with the keyboard and shuffles it. Each step leaves a screenshot in docs/screenshots/.
 * The pictures change only when the pages do: a server of its own (so every id is the same
 * on every run, whatever the other tests did), a fixed user and playlist, songs found by a
 * fixed search, a seeded shuffle and a paused clock for the player's position.
 */
import { expect, test } from "@playwright/test";
import { shot } from "./checks";
import { startServer, type Server } from "./global-setup";
import { newPlaylist } from "./helpers";

const SEED = 20261203;
let server: Server;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startServer();
});
test.afterAll(async () => server?.stop());

test("walk-through: sign up, search, build a playlist, reorder it by keyboard, shuffle it", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Email" }).fill("sam@example.com");
  await page.getByRole("textbox", { name: "Username" }).fill("sam");
  await page.getByLabel("Password").fill("a good long password");
  await shot(page, "walkthrough-1-sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("harbour");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=harbour$/);
  const results = page.getByRole("list", { name: "Songs" }).getByRole("listitem");
  await expect(results.first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await shot(page, "walkthrough-2-search");

  await newPlaylist(page, "By the sea");
  await page.goto("/search?q=harbour");
  await expect(results.first()).toBeVisible();
  const count = Math.min(3, await results.count());
  expect(count).toBeGreaterThanOrEqual(2);
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = results.nth(i);
    titles.push((await row.getByRole("link").first().textContent()) ?? "");
    await row.getByRole("button", { name: "Add to playlist" }).click();
    await row.getByRole("menuitem", { name: "By the sea" }).click();
    await expect(row.getByRole("menu")).toHaveCount(0);
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playlists" }).click();
  await page.getByRole("link", { name: "By the sea" }).click();
  const tracks = page.getByRole("list", { name: "Tracks" }).getByRole("listitem");
  await expect(tracks).toHaveCount(count);
  for (let i = 0; i < count; i++) await expect(tracks.nth(i)).toContainText(titles[i]);
  await page.mouse.move(0, 0);
  await shot(page, "walkthrough-3-playlist");

  // Keyboard only: Tab to the first entry's Move down, Enter; the focus follows the entry.
  await tracks.nth(0).getByRole("button", { name: "Move down" }).focus();
  await page.keyboard.press("Enter");
  await expect(tracks.nth(1)).toContainText(titles[0]);
  await expect(tracks.nth(0)).toContainText(titles[1]);
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", "Move down");
  await shot(page, "walkthrough-4-reorder");
  await page.reload();
  await expect(tracks.nth(0)).toContainText(titles[1]);
  await expect(tracks.nth(1)).toContainText(titles[0]);

  // A seeded shuffle deals the same order every run; the paused clock holds the position.
  await page.route("**/api/v1/playlists/*/shuffle", (route) =>
    route.request().method() === "POST" ? route.continue({ postData: JSON.stringify({ seed: SEED }) }) : route.continue(),
  );
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.getByRole("button", { name: "Shuffle" }).click();
  const playing = page.getByRole("region", { name: "Now playing" });
  await expect(playing).toBeVisible();
  expect(titles).toContain(await playing.getByRole("link").first().textContent());
  // The player's one-second timer starts in an effect, which Preact runs after the next
  // frame or a 100 ms fallback timer: on the paused clock, up to 100 ms after the song
  // appeared. Let that pass first, so the 3 s that follow hold exactly three ticks.
  await page.clock.runFor(200);
  await page.clock.runFor(3_000);
  await expect(page.getByRole("progressbar", { name: "Position in the song" })).toHaveAttribute("aria-valuenow", "3");
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await shot(page, "walkthrough-5-shuffle");
  await context.close();
});
