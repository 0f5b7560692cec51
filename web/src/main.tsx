import { render } from "preact";
import "./app.css";
import { App } from "./App";
import { resume } from "./api/session";

// A page restored from the back-forward cache after logging out must not show what it held.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) window.location.reload();
});

void resume();
render(<App />, document.getElementById("app") as HTMLElement);
