import { expect, test } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { axe, shot } from "./checks";
import { addSongs, logIn, newPlaylist, signUp } from "./helpers";
import { ADMIN } from "./global-setup";

test("first load: bundle size and first paint of /", async ({ browser }) => {
  const loads: { fcp: number; meaningful: number }[] = [];
  let gzipped = 0;
  // Three cold loads (a new profile each, empty cache) after warming up the browser; the median counts.
  for (let i = 0; i < 4; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const assets: string[] = [];
    const encodings: string[] = [];
    page.on("response", (r) => {
      if (!/\/assets\/.+\.(js|css)$/.test(r.url())) return;
      assets.push(r.url());
      encodings.push(r.headers()["content-encoding"] ?? "none");
    });
    await page.goto("/");
    // Milliseconds since navigation start when the first song row exists, checked every frame.
    const handle = await page.waitForFunction(() => document.querySelector('[aria-label="Songs"] li') && performance.now(), null, {
      polling: "raf",
    });
    const meaningful = Number(await handle.jsonValue());
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1);
    if (i > 0) loads.push({ fcp, meaningful });
    expect(encodings.length).toBeGreaterThan(0);
    expect(encodings.every((e) => e === "gzip")).toBe(true);
    if (i === 0) for (const url of assets) gzipped += gzipSync(Buffer.from(await (await page.request.get(url)).body())).length;
    await context.close();
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const fcp = median(loads.map((l) => l.fcp));
  const meaningful = median(loads.map((l) => l.meaningful));
  console.log(`first load: JS + CSS ${(gzipped / 1024).toFixed(1)} kB gzipped`);
  console.log(`first contentful paint ${fcp.toFixed(0)} ms, song list shown at ${meaningful.toFixed(0)} ms (median of 3 cold loads)`);
  expect(gzipped).toBeLessThan(150 * 1024);
  expect(meaningful).toBeLessThan(1000);
});

test("every page: no serious or critical axe violations; screenshots", async ({ page }) => {
  test.setTimeout(120_000);
  for (const [path, name] of [["/login", "login"], ["/register", "register"], ["/nope", null]] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await axe(page, path);
    if (name) await shot(page, name);
  }
  await signUp(page, "ada", true);
  await newPlaylist(page, "Evening");
  await addSongs(page, "Evening", 4);
  const pages: [string, string | null][] = [
    ["/", "browse"],
    ["/?tab=albums", "albums"],
    ["/?tab=artists", null],
    ["/search?q=harbour", "search"],
    ["/songs/1", "song"],
    ["/albums/1", "album"],
    ["/artists/1", "artist"],
    ["/liked", null],
    ["/account", "account"],
    ["/playlists", "playlists"],
  ];
  for (const [path, name] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await axe(page, path);
    if (name) await shot(page, name);
  }
  await page.getByRole("link", { name: "Evening" }).click();
  await expect(page.getByRole("list", { name: "Tracks" })).toBeVisible();
  // Seeded, so the picture shows the same order on every run.
  await page.route("**/api/v1/playlists/*/shuffle", (route) =>
    route.request().method() === "POST" ? route.continue({ postData: JSON.stringify({ seed: 7 }) }) : route.continue(),
  );
  await page.getByRole("button", { name: "Shuffle" }).click();
  await expect(page.getByRole("region", { name: "Now playing" })).toBeVisible();
  await axe(page, "/playlists/{id}");
  // Let the position advance a little, so the picture shows it moving.
  await expect(page.getByRole("progressbar", { name: "Position in the song" })).toHaveAttribute("aria-valuenow", "3", { timeout: 8_000 });
  await shot(page, "playlist");
  await page.getByRole("button", { name: "Share" }).click();
  await axe(page, "share dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, ADMIN.username, ADMIN.password);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  await axe(page, "/admin");
  await shot(page, "admin");
});
