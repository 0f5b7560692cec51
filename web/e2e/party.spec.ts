import { expect, test } from "@playwright/test";
import { axe, shot } from "./checks";
import { addSongs, newPlaylist, signUp } from "./helpers";

test("a listening party: the host plays and skips, a guest in another browser follows live", async ({ browser }) => {
  test.setTimeout(120_000);
  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  await signUp(host, "hana", true);
  await newPlaylist(host, "Party mix");
  await addSongs(host, "Party mix", 3);
  await host.goto("/playlists");
  await host.getByRole("link", { name: "Party mix" }).click();
  // Guests can join only a playlist they can see.
  await host.getByRole("button", { name: "Share" }).click();
  await host.getByRole("dialog").getByRole("checkbox", { name: "Public" }).check();
  await expect(host.getByText("Public playlist")).toBeVisible();
  await host.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await host.getByRole("button", { name: "Start a party" }).click();
  await expect(host).toHaveURL(/\/parties\/\d+$/);
  await expect(host.getByRole("heading", { level: 1, name: "Party mix" })).toBeVisible();
  await expect(host.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  const code = (await host.locator("dd.font-mono").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z0-9]{8}$/);

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  const guestName = await signUp(guest, "theo", true);
  await guest.goto("/playlists");
  await guest.getByRole("textbox", { name: "Join code" }).fill("abc");
  await guest.getByRole("button", { name: "Join party" }).click();
  await expect(guest.getByRole("alert")).toContainText("not a join code");
  await guest.getByRole("textbox", { name: "Join code" }).fill(code === "ZZZZZZZZ" ? "YYYYYYYY" : "ZZZZZZZZ");
  await guest.getByRole("button", { name: "Join party" }).click();
  await expect(guest.getByRole("alert")).toHaveText("Party not found");
  await expect(guest).toHaveURL(/\/playlists$/);
  await guest.getByRole("textbox", { name: "Join code" }).fill(code.toLowerCase());
  await guest.getByRole("button", { name: "Join party" }).click();
  await expect(guest).toHaveURL(host.url());
  await expect(guest.getByText(`listening along as ${guestName}`)).toBeVisible();
  await expect(guest.getByText("Waiting for the host to start.")).toBeVisible();
  await expect(guest.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  // Only the host has controls.
  await expect(guest.getByRole("button", { name: "Next" })).toHaveCount(0);
  await expect(guest.getByRole("button", { name: "Play" })).toHaveCount(0);

  const hostNow = host.getByRole("region", { name: "Now playing" });
  const guestNow = guest.getByRole("region", { name: "Now playing" });
  await host.getByRole("button", { name: "Play" }).click();
  await expect(hostNow.getByRole("link").first()).toBeVisible();
  const first = (await hostNow.getByRole("link").first().textContent()) ?? "";
  await expect(guestNow.getByRole("link", { name: first })).toBeVisible();
  await expect(guestNow).toContainText("Now playing");

  await host.getByRole("button", { name: "Next" }).click();
  await expect(hostNow.getByRole("link", { name: first })).toHaveCount(0);
  const second = (await hostNow.getByRole("link").first().textContent()) ?? "";
  expect(second).not.toBe(first);
  await expect(guestNow.getByRole("link", { name: second })).toBeVisible();

  await host.getByRole("button", { name: "Pause" }).click();
  await expect(guestNow).toContainText("Paused");
  // Next while paused: the next song, at its start, still paused (a picture that holds still).
  await host.getByRole("button", { name: "Next" }).click();
  await expect(guestNow.getByRole("link", { name: second })).toHaveCount(0);
  await expect(guestNow).toContainText("Paused");
  await expect(guest.getByRole("progressbar", { name: "Position in the song" })).toHaveAttribute("aria-valuenow", "0");
  await axe(host, "/parties/{id} (host)");
  await axe(guest, "/parties/{id} (guest)");
  await shot(guest, "party", [guest.locator("dd.font-mono")]);

  await host.getByRole("button", { name: "End party" }).click();
  await expect(host.getByRole("heading", { level: 1, name: "This party has ended" })).toBeVisible();
  await expect(guest.getByRole("heading", { level: 1, name: "This party has ended" })).toBeVisible();
  await guest.reload();
  await expect(guest.getByRole("heading", { level: 1, name: "Party not found" })).toBeVisible();
  await hostContext.close();
  await guestContext.close();
});
