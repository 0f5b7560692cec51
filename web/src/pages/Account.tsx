import { useState } from "preact/hooks";
import { api } from "../api/http";
import { logOutEverywhere, me, setMe } from "../api/session";
import type { Me } from "../api/types";
import { Alert } from "../components/Alert";
import { SpotifyCard } from "../components/SpotifyCard";
import { useAction } from "../lib/useLoad";
import { navigate } from "../router";

export function AccountPage() {
  const user = me.value as Me;
  const [displayName, setDisplayName] = useState(user.display_name ?? "");
  const [email, setEmail] = useState(user.email);
  const [username, setUsername] = useState(user.username);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [error, run] = useAction();
  async function saveProfile(e: Event) {
    e.preventDefault();
    setNotice(null);
    const body = { display_name: displayName.trim() || null, email, username };
    if (await run(async () => setMe(await api<Me>("/api/v1/me", { method: "PATCH", json: body })))) setNotice("Profile saved.");
  }
  async function changePassword(e: Event) {
    e.preventDefault();
    setNotice(null);
    const ok = await run(() => api("/api/v1/me/password", { method: "PUT", json: { current_password: current, new_password: next } }));
    if (ok) {
      setCurrent("");
      setNext("");
      setNotice("Password changed. Your other sessions were signed out.");
    }
  }
  return (
    <section class="max-w-lg">
      <h1 class="mb-4 text-2xl font-bold">Account</h1>
      <Alert message={error} />
      {notice && (
        <p role="status" class="my-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {notice}
        </p>
      )}
      <form onSubmit={saveProfile} class="card mb-4">
        <h2 class="mb-3 text-lg font-semibold">Profile</h2>
        <label class="label" for="acc-name">Display name</label>
        <input id="acc-name" class="input mb-3" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        <label class="label" for="acc-email">Email</label>
        <input id="acc-email" type="email" class="input mb-3" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label class="label" for="acc-username">Username</label>
        <input id="acc-username" class="input mb-3" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <button class="btn btn-primary">Save profile</button>
      </form>
      <form onSubmit={changePassword} class="card mb-4">
        <h2 class="mb-3 text-lg font-semibold">Password</h2>
        <label class="label" for="acc-current">Current password</label>
        <input id="acc-current" type="password" autocomplete="current-password" class="input mb-3" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        <label class="label" for="acc-new">New password</label>
        <input id="acc-new" type="password" autocomplete="new-password" class="input mb-3" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        <button class="btn btn-primary">Change password</button>
      </form>
      <SpotifyCard />
      <div class="card">
        <h2 class="mb-2 text-lg font-semibold">Sessions</h2>
        <p class="mb-3 text-sm text-zinc-500">Sign out on every device, this one included.</p>
        <button
          class="btn"
          onClick={async () => {
            if (await run(logOutEverywhere)) navigate("/login", true);
          }}
        >
          Log out everywhere
        </button>
      </div>
    </section>
  );
}
