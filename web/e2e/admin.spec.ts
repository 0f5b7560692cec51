import { expect, test } from "@playwright/test";
import { ADMIN } from "./global-setup";
import { logIn, signUp } from "./helpers";

// Fixed names: each run has a fresh database, and the catalog screenshots show them.
test("an admin adds an artist, an album and a song with a credit, then edits them", async ({ page }) => {
  await logIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("textbox", { name: "Artist name" }).fill("Nova");
  await page.getByRole("textbox", { name: "Bio" }).fill("Synths at dawn.");
  await page.getByRole("button", { name: "Add artist" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nova" })).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("textbox", { name: "Name" }).fill("Nova Lux");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nova Lux" })).toBeVisible();

  await page.goto("/admin");
  await page.getByRole("textbox", { name: "Album title" }).fill("First Light");
  await page.getByLabel("Release date").fill("2024-05-01");
  await page.getByRole("combobox", { name: "Album artist" }).selectOption({ label: "Nova Lux" });
  await page.getByRole("button", { name: "Add album" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "First Light" })).toBeVisible();

  await page.goto("/admin");
  await page.getByRole("textbox", { name: "Song title" }).fill("Sunrise");
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("nonsense");
  await page.getByRole("combobox", { name: "Performing artist" }).selectOption({ label: "Nova Lux" });
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByRole("alert")).toContainText("Duration must be");
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("3:25");
  await page.getByRole("combobox", { name: "On album" }).selectOption({ label: "First Light" });
  await page.getByRole("combobox", { name: "Credited artist" }).selectOption({ label: "Nova Lux" });
  await page.getByRole("combobox", { name: "Role" }).selectOption("producer");
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sunrise" })).toBeVisible();
  await expect(page.getByText("3:25")).toBeVisible();
  await expect(page.getByText("Producer")).toBeVisible();

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("4:01");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("4:01")).toBeVisible();
});

test("an admin edits a song's genres and several production credits; the song page shows them", async ({ page }) => {
  await logIn(page, ADMIN.username, ADMIN.password);
  await page.goto("/admin");
  const title = "Sunset credits";
  await page.getByRole("textbox", { name: "Song title" }).fill(title);
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("2:30");
  await page.getByRole("combobox", { name: "Performing artist" }).selectOption({ label: "Marlow Vance" });
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const songId = page.url().split("/").pop();

  await page.getByRole("button", { name: "Change genres and credits" }).click();
  await page.getByRole("checkbox", { name: "Folk" }).check();
  await page.getByRole("checkbox", { name: "Shoegaze" }).check();
  await page.getByRole("button", { name: "Add credit" }).click();
  await page.getByRole("combobox", { name: "Credited artist 1" }).selectOption({ label: "Marlow Vance" });
  await page.getByRole("combobox", { name: "Role 1" }).selectOption("composer");
  await page.getByRole("button", { name: "Add credit" }).click();
  await page.getByRole("combobox", { name: "Credited artist 2" }).selectOption({ label: "The Velvet Static" });
  await page.getByRole("combobox", { name: "Role 2" }).selectOption("producer");
  await page.getByRole("button", { name: "Add credit" }).click();
  // A credit without an artist is refused before anything is sent.
  await page.getByRole("button", { name: "Save genres and credits" }).click();
  await expect(page.getByRole("alert")).toHaveText("Choose an artist for credit 3.");
  let saved = await (await page.request.get(`/api/v1/songs/${songId}`)).json();
  expect(saved.genres).toEqual([]);
  expect(saved.credits).toEqual([]);

  await page.getByRole("combobox", { name: "Credited artist 3" }).selectOption({ label: "Aiyana Brooks" });
  await page.getByRole("combobox", { name: "Role 3" }).selectOption("performer");
  await page.getByRole("textbox", { name: "Detail 3" }).fill("piano");
  await page.getByRole("button", { name: "Save genres and credits" }).click();
  const credits = page.getByRole("region", { name: "Credits" });
  await expect(credits).toContainText("Composer");
  await expect(credits).toContainText("Producer");
  await expect(credits.getByRole("link", { name: "Aiyana Brooks" })).toBeVisible();
  await expect(credits).toContainText("(piano)");
  await expect(page.getByRole("list", { name: "Genres" })).toHaveText(/Folk.*Shoegaze|Shoegaze.*Folk/);
  saved = await (await page.request.get(`/api/v1/songs/${songId}`)).json();
  expect(saved.genres.map((g: { name: string }) => g.name).sort()).toEqual(["Folk", "Shoegaze"]);
  expect(saved.credits.map((c: { artist: { name: string }; role: string; detail: string | null }) => [c.artist.name, c.role, c.detail])).toEqual([
    ["Marlow Vance", "composer", null],
    ["The Velvet Static", "producer", null],
    ["Aiyana Brooks", "performer", "piano"],
  ]);

  // Removing a credit and a genre replaces the lists, on reload too.
  await page.getByRole("button", { name: "Change genres and credits" }).click();
  await page.getByRole("checkbox", { name: "Shoegaze" }).uncheck();
  await page.getByRole("button", { name: "Remove credit 2" }).click();
  await page.getByRole("button", { name: "Save genres and credits" }).click();
  await expect(credits).not.toContainText("Producer");
  await page.reload();
  await expect(page.getByRole("list", { name: "Genres" })).toHaveText("Folk");
  await expect(page.getByRole("region", { name: "Credits" })).toContainText("Composer");
  await expect(page.getByRole("region", { name: "Credits" })).not.toContainText("The Velvet Static");
});

test("a non-admin sees no Catalog link and no Edit buttons", async ({ page }) => {
  await signUp(page, "plain");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" })).toHaveCount(0);
  await page.goto("/songs/1");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
});
