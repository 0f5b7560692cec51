/**
 * A party's WebSocket: the state on joining and on every change, `ended` when the host
 * ends it. A dropped connection reconnects (after a token refresh if the token was refused).
 */
import type { PartyState } from "./types";
import { currentAccessToken, refresh } from "./session";

export type PartyControl = { type: "play" | "pause" | "next" } | { type: "seek"; position_ms: number };

export interface PartyHandlers {
  onState: (state: PartyState) => void;
  onEnded: () => void;
  onError: (detail: string) => void;
  onConnected: (connected: boolean) => void;
}

const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;
const RETRY_MS = 1000;
const MAX_RETRIES = 5;

export function partySocketUrl(partyId: number, token: string, where: Location = window.location): string {
  const scheme = where.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${where.host}/api/v1/parties/${partyId}/ws?token=${encodeURIComponent(token)}`;
}

export function connectParty(partyId: number, on: PartyHandlers): { send: (c: PartyControl) => void; close: () => void } {
  let socket: WebSocket | null = null;
  let closed = false;
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function open(): void {
    const token = currentAccessToken();
    if (!token) return on.onError("You are signed out.");
    const ws = new WebSocket(partySocketUrl(partyId, token));
    socket = ws;
    ws.onopen = () => on.onConnected(true);
    ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as { type: string; detail?: string };
      retries = 0;
      if (message.type === "state") on.onState(message as PartyState);
      else if (message.type === "ended") {
        closed = true;
        on.onEnded();
      } else if (message.type === "error") on.onError(message.detail ?? "The party refused that.");
    };
    ws.onclose = (event) => {
      on.onConnected(false);
      if (closed) return;
      if (event.code === CLOSE_FORBIDDEN) {
        closed = true;
        return on.onEnded();
      }
      if (retries++ >= MAX_RETRIES) return on.onError("The connection to the party was lost. Reload to try again.");
      timer = setTimeout(() => {
        if (event.code === CLOSE_UNAUTHORIZED) void refresh().then(open);
        else open();
      }, RETRY_MS);
    };
  }
  open();
  return {
    send: (control) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(control));
    },
    close: () => {
      closed = true;
      clearTimeout(timer);
      socket?.close(1000);
    },
  };
}
