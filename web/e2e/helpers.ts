import { expect, type Page } from "@playwright/test";

let counter = 0;

/** A new account, signed in through the register page; returns its username.
 *  `exact` names it as given (each run has a fresh database), e.g. for screenshots. */
export async function signUp(page: Page, prefix = "user", exact = false): Promise<string> {
  const username = exact ? prefix : `${prefix}${Date.now().toString(36)}${counter++}`;
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Email" }).fill(`${username}@example.com`);
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password").fill("a good long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  return username;
}

export async function logIn(page: Page, login: string, password = "a good long password"): Promise<void> {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username or email" }).fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

export async function newPlaylist(page: Page, name: string): Promise<void> {
  await page.goto("/playlists");
  await page.getByRole("button", { name: "New playlist" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Add the first `count` songs of Browse (sorted by title) to the playlist `name`. */
export async function addSongs(page: Page, name: string, count: number): Promise<string[]> {
  await page.goto("/?tab=songs&sort=title");
  const rows = page.getByRole("list", { name: "Songs" }).getByRole("listitem");
  await expect(rows.first()).toBeVisible();
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    titles.push((await row.getByRole("link").first().textContent()) ?? "");
    await row.getByRole("button", { name: "Add to playlist" }).click();
    await row.getByRole("menuitem", { name }).click();
    await expect(row.getByRole("menu")).toHaveCount(0);
  }
  return titles;
}
