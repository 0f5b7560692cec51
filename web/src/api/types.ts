export interface Ref { id: number; name: string }
export interface AlbumRef { id: number; title: string }
export interface Genre { id: number; name: string; slug: string }
export interface UserRef { id: number; username: string; display_name: string | null }
export interface Credit { artist: Ref; role: string; detail: string | null }
export interface SongRef { id: number; title: string; duration_ms: number; artists: Ref[] }
export interface Song extends SongRef {
  explicit: boolean;
  isrc: string | null;
  album: AlbumRef | null;
  disc_number: number | null;
  track_number: number | null;
  release_date: string | null;
  genres: Genre[];
  credits: Credit[];
  like_count: number;
  play_count: number;
}
export interface Album {
  id: number;
  title: string;
  album_type: string;
  release_date: string | null;
  artists: Ref[];
  genres: Genre[];
  track_count: number;
  total_duration_ms: number;
  tracks?: { disc_number: number; track_number: number; song: SongRef }[];
}
export interface Artist {
  id: number;
  name: string;
  bio: string | null;
  image_url: string | null;
  genres: Genre[];
  follower_count: number;
}
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  next: string | null;
  previous: string | null;
}
export interface PlaylistTrack { position: number; song: Song; added_by: UserRef | null; added_at: string }
export interface Playlist {
  id: number;
  name: string;
  description: string | null;
  is_public: boolean;
  owner: UserRef;
  collaborators: UserRef[];
  track_count: number;
  total_duration_ms: number;
  follower_count: number;
  snapshot_id: string;
  tracks?: Page<PlaylistTrack>;
}
export interface Me {
  id: number;
  email: string;
  username: string;
  display_name: string | null;
  is_admin: boolean;
  created_at: string;
}
export interface ShuffleNext { song: Song; position: number; cycle: number; remaining_in_cycle: number }
export interface ShuffleState {
  mode: string;
  cycle: number;
  played: number;
  remaining_in_cycle: number;
  upcoming: Song[];
}
export interface SessionToken { access_token: string; token_type: string; expires_in: number }
export interface Job {
  id: number;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: { done: number; total: number };
  result: Record<string, unknown> | null;
  error: string | null;
}
export interface ImportResult {
  playlists: { imported: number; created: number; updated: number; not_found: string[] };
  tracks: { distinct: number; created: number; skipped_total: number };
  likes: { saved_tracks: number; added: number };
}
export interface Party { id: number; join_code: string; host: UserRef; playlist_id: number; created_at: string }
export interface PartyState { type: "state"; song: Song | null; position_ms: number; is_playing: boolean; server_time: string }
