import { render } from "preact";
import "./app.css";
import { App } from "./App";
import { resume } from "./api/session";
import { location, navigate } from "./router";

// A page restored from the back-forward cache after logging out must not show what it held.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) window.location.reload();
});

// Spotify's consent ends at the app's root (FASTFM_FRONTEND_URL); the account page says what happened.
if (location.value.path === "/" && new URLSearchParams(location.value.search).get("spotify") === "linked") {
  navigate("/account?spotify=linked", true);
}

void resume();
render(<App />, document.getElementById("app") as HTMLElement);
