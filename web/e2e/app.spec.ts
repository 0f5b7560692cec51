import { expect, test } from "@playwright/test";
import { addSongs, logIn, newPlaylist, signUp } from "./helpers";

test("an unknown path shows Page not found, and reloads keep the page", async ({ page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto("/albums/1");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Page not found");
  await page.reload();
  await expect(page.getByRole("list", { name: "Tracklist" })).toBeVisible();
});

test("registering lands on the page the user came from", async ({ page }) => {
  await page.goto("/liked");
  await expect(page).toHaveURL(/\/login\?next=%2Fliked/);
  await page.getByRole("link", { name: "Create an account" }).click();
  const username = `back${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Email" }).fill(`${username}@example.com`);
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password").fill("a good long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/liked$/);
  await expect(page.getByRole("heading", { name: "Liked songs" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Browse", "Playlists", "Liked songs", "Account"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
});

test("an API error shows as an alert with the API's detail", async ({ page }) => {
  const taken = await signUp(page, "taken");
  await page.getByRole("button", { name: "Log out" }).click();
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Email" }).fill(`other-${taken}@example.com`);
  await page.getByRole("textbox", { name: "Username" }).fill(taken);
  await page.getByLabel("Password").fill("a good long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert")).toHaveText("This username is taken");
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username or email" }).fill(taken);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Incorrect username or password");
});

test("search: Enter in the search box goes to /search and shows results by type", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "Search" });
  await box.fill("a");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=a$/);
  await expect(page.getByRole("heading", { name: "Songs" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Artists" })).toBeVisible();
  // As you type: no Enter needed on /search.
  await box.fill("zzzzqqq");
  await expect(page.getByText("Nothing matches")).toBeVisible();
  await expect(page).toHaveURL(/\/search\?q=zzzzqqq$/);
  await expect(page.getByRole("heading", { name: "Songs" })).toHaveCount(0);
  await box.fill("harb");
  await expect(page.getByRole("list", { name: "Songs" }).getByRole("link", { name: "Harbour Lights" })).toBeVisible();
});

test("browse pages and sorts; a song page shows duration, genres and credits", async ({ page }) => {
  await page.goto("/?tab=songs&sort=title");
  const songs = page.getByRole("list", { name: "Songs" }).getByRole("listitem");
  await expect(songs).toHaveCount(20);
  const first = await songs.first().getByRole("link").first().textContent();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/offset=20/);
  await expect(songs.first().getByRole("link").first()).not.toHaveText(first ?? "");
  await page.getByRole("button", { name: "Albums" }).click();
  await expect(page.getByRole("list", { name: "Albums" }).getByRole("listitem").first()).toBeVisible();
  await page.goto("/?tab=songs&sort=title");
  await songs.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/songs\/\d+$/);
  await expect(page.getByText("Duration")).toBeVisible();
});

test("like a song and see it on Liked songs; unliking takes it off at once", async ({ page }) => {
  await signUp(page, "liker");
  await page.goto("/?tab=songs&sort=title");
  const row = page.getByRole("list", { name: "Songs" }).getByRole("listitem").first();
  const title = (await row.getByRole("link").first().textContent()) ?? "";
  const like = row.getByRole("button", { name: "Like" });
  await expect(like).toHaveAttribute("aria-pressed", "false");
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Liked songs" }).click();
  const liked = page.getByRole("list", { name: "Liked songs" });
  await expect(liked.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("button", { name: "Shuffle" }).click();
  await expect(page.getByRole("region", { name: "Now playing" })).toContainText(title);
  await liked.getByRole("button", { name: "Like" }).click();
  await expect(liked.getByRole("link", { name: title })).toHaveCount(0);
});

test("playlists: create, add, reorder by keyboard, remove, shuffle, totals", async ({ page }) => {
  await signUp(page, "lister");
  await newPlaylist(page, "Road trip");
  const titles = await addSongs(page, "Road trip", 3);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playlists" }).click();
  await page.getByRole("link", { name: "Road trip" }).click();
  const tracks = page.getByRole("list", { name: "Tracks" }).getByRole("listitem");
  await expect(tracks).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(tracks.nth(i)).toContainText(titles[i]);
  await expect(page.getByLabel("Total duration")).toHaveText(/min|sec/);

  // Keyboard only: focus the first entry's Move down and press Enter twice.
  await tracks.nth(0).getByRole("button", { name: "Move down" }).focus();
  await page.keyboard.press("Enter");
  await expect(tracks.nth(1)).toContainText(titles[0]);
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", "Move down");
  await page.keyboard.press("Enter");
  await expect(tracks.nth(2)).toContainText(titles[0]);
  await expect(tracks.nth(0)).toContainText(titles[1]);
  await page.reload();
  await expect(tracks.nth(2)).toContainText(titles[0]);

  await tracks.nth(0).getByRole("button", { name: "Remove" }).click();
  await expect(tracks).toHaveCount(2);
  await expect(tracks.nth(0)).toContainText(titles[2]);

  await page.getByRole("button", { name: "Shuffle" }).click();
  const playing = page.getByRole("region", { name: "Now playing" });
  await expect(playing).toBeVisible();
  const firstTitle = await playing.getByRole("link").first().textContent();
  expect([titles[0], titles[2]]).toContain(firstTitle);
  await playing.getByRole("button", { name: "Next" }).click();
  await expect(playing.getByRole("link").first()).not.toHaveText(firstTitle ?? "");
});

test("playlists: rename, describe, share, make public, delete", async ({ page, browser }) => {
  const friend = await signUp(page, "friend");
  await page.getByRole("button", { name: "Log out" }).click();
  await signUp(page, "owner");
  await newPlaylist(page, "Mixtape");
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByRole("textbox", { name: "Playlist name" }).fill("Summer mixtape");
  await page.getByRole("textbox", { name: "Description" }).fill("Sunny songs");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Summer mixtape" })).toBeVisible();
  await expect(page.getByText("Sunny songs")).toBeVisible();

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Username" }).fill("nobody-here");
  await dialog.getByRole("button", { name: "Add collaborator" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("User not found");
  await dialog.getByRole("textbox", { name: "Username" }).fill(friend);
  await dialog.getByRole("button", { name: "Add collaborator" }).click();
  await expect(dialog.getByRole("list", { name: "Collaborators" })).toContainText(friend);
  await dialog.getByRole("checkbox", { name: "Public" }).check();
  await expect(page.getByText("Public playlist")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  const url = page.url();
  const anonymous = await browser.newPage();
  await anonymous.goto(url);
  await expect(anonymous.getByRole("heading", { level: 1, name: "Summer mixtape" })).toBeVisible();
  await anonymous.close();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete playlist" }).click();
  await expect(page).toHaveURL(/\/playlists$/);
  await expect(page.getByRole("link", { name: "Summer mixtape" })).toHaveCount(0);
});

test("the session survives a reload; log out ends it and Back shows nothing private", async ({ page, context }) => {
  await signUp(page, "session");
  await newPlaylist(page, "Secret list");
  const cookies = await context.cookies();
  const refresh = cookies.find((c) => c.name === "fastfm_refresh");
  expect(refresh?.httpOnly).toBe(true);
  expect(refresh?.sameSite).toBe("Strict");
  expect(await page.evaluate(() => document.cookie)).not.toContain("fastfm_refresh");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Secret list" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page.getByText("Secret list")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("Secret list")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
});

test("log out everywhere signs out other browsers too", async ({ page, browser }) => {
  const username = await signUp(page, "every");
  const other = await browser.newContext();
  const second = await other.newPage();
  await logIn(second, username);
  await page.goto("/account");
  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await second.goto("/playlists");
  await expect(second).toHaveURL(/\/login/);
  await other.close();
});

test("account: change the display name and password", async ({ page }) => {
  const username = await signUp(page, "acct");
  await page.goto("/account");
  await page.getByRole("textbox", { name: "Display name" }).fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toHaveText("Profile saved.");
  await expect(page.getByRole("banner")).toContainText("Ada Lovelace");
  await page.getByLabel("Current password").fill("wrong password!");
  await page.getByLabel("New password", { exact: true }).fill("another long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert")).toHaveText("The current password is not correct");
  await page.getByLabel("Current password").fill("a good long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await logIn(page, username, "another long password");
});
