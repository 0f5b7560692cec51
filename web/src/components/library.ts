/** The caller's likes and playlists, shared by every song row; dropped on log out. */
import { signal } from "@preact/signals";
import { api } from "../api/http";
import { onLogout } from "../api/session";
import type { Page, Playlist } from "../api/types";

export const liked = signal<Record<number, boolean>>({});
export const myPlaylists = signal<Playlist[] | null>(null);

export async function loadLikes(ids: number[]): Promise<void> {
  const unknown = [...new Set(ids)].filter((id) => !(id in liked.value)).slice(0, 100);
  if (!unknown.length) return;
  const answers = await api<boolean[]>(`/api/v1/me/liked/contains?ids=${unknown.join(",")}`);
  const next = { ...liked.value };
  unknown.forEach((id, i) => (next[id] = answers[i]));
  liked.value = next;
}

export async function setLiked(id: number, value: boolean): Promise<void> {
  await api(`/api/v1/me/liked/${id}`, { method: value ? "POST" : "DELETE" });
  liked.value = { ...liked.value, [id]: value };
}

export async function loadMyPlaylists(): Promise<Playlist[]> {
  const page = await api<Page<Playlist>>("/api/v1/playlists?limit=100&sort=name");
  myPlaylists.value = page.items;
  return page.items;
}

onLogout(() => {
  liked.value = {};
  myPlaylists.value = null;
});
