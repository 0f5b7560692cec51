import { useState } from "preact/hooks";
import { api, ApiError } from "../api/http";
import type { Party } from "../api/types";
import { useAction } from "../lib/useLoad";
import { navigate } from "../router";
import { Alert } from "./Alert";

/** Join a listening party by the code its host shared. */
export function JoinParty() {
  const [code, setCode] = useState("");
  const [error, run] = useAction();
  async function join(e: Event) {
    e.preventDefault();
    await run(async () => {
      try {
        const party = await api<Party>("/api/v1/parties/join", { method: "POST", json: { join_code: code.trim() } });
        navigate(`/parties/${party.id}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 422) throw new Error("That is not a join code: it has 8 letters and digits.");
        throw e;
      }
    });
  }
  return (
    <form onSubmit={join} class="card mt-6 max-w-md">
      <h2 class="mb-2 text-lg font-semibold">Join a listening party</h2>
      <label class="label" for="join-code">
        Join code
      </label>
      <div class="flex gap-2">
        <input id="join-code" class="input font-mono uppercase" autocomplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        <button class="btn btn-primary">Join party</button>
      </div>
      <Alert message={error} />
    </form>
  );
}
