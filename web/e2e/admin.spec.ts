import { expect, test } from "@playwright/test";
import { ADMIN } from "./global-setup";
import { logIn, signUp } from "./helpers";

test("an admin adds an artist, an album and a song with a credit, then edits them", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await logIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("textbox", { name: "Artist name" }).fill(`Nova ${stamp}`);
  await page.getByRole("textbox", { name: "Bio" }).fill("Synths at dawn.");
  await page.getByRole("button", { name: "Add artist" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nova ${stamp}` })).toBeVisible();
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill(`Nova Lux ${stamp}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nova Lux ${stamp}` })).toBeVisible();

  await page.goto("/admin");
  await page.getByRole("textbox", { name: "Album title" }).fill(`First Light ${stamp}`);
  await page.getByLabel("Release date").fill("2024-05-01");
  await page.getByRole("combobox", { name: "Album artist" }).selectOption({ label: `Nova Lux ${stamp}` });
  await page.getByRole("button", { name: "Add album" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `First Light ${stamp}` })).toBeVisible();

  await page.goto("/admin");
  await page.getByRole("textbox", { name: "Song title" }).fill(`Sunrise ${stamp}`);
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("nonsense");
  await page.getByRole("combobox", { name: "Performing artist" }).selectOption({ label: `Nova Lux ${stamp}` });
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByRole("alert")).toContainText("Duration must be");
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("3:25");
  await page.getByRole("combobox", { name: "On album" }).selectOption({ label: `First Light ${stamp}` });
  await page.getByRole("combobox", { name: "Credited artist" }).selectOption({ label: `Nova Lux ${stamp}` });
  await page.getByRole("combobox", { name: "Role" }).selectOption("producer");
  await page.getByRole("button", { name: "Add song" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Sunrise ${stamp}` })).toBeVisible();
  await expect(page.getByText("3:25")).toBeVisible();
  await expect(page.getByText("Producer")).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("textbox", { name: "Duration (m:ss)" }).fill("4:01");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("4:01")).toBeVisible();
});

test("a non-admin sees no Catalog link and no Edit buttons", async ({ page }) => {
  await signUp(page, "plain");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" })).toHaveCount(0);
  await page.goto("/songs/1");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
});
