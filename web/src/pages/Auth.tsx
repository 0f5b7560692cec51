import { useState } from "preact/hooks";
import { logIn, register } from "../api/session";
import { Alert } from "../components/Alert";
import { nextPath } from "../lib/input";
import { navigate, query } from "../router";

function Field(props: { label: string; type?: string; value: string; onInput: (v: string) => void; autocomplete: string }) {
  const id = `f-${props.label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div class="mb-3">
      <label class="label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="input"
        type={props.type ?? "text"}
        required
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function LoginPage() {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(query("next"));
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      await logIn(login, password);
      navigate(next, true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="card mx-auto max-w-sm">
      <h1 class="mb-4 text-2xl font-bold">Log in</h1>
      <form onSubmit={submit}>
        <Field label="Username or email" value={login} onInput={setLogin} autocomplete="username" />
        <Field label="Password" type="password" value={password} onInput={setPassword} autocomplete="current-password" />
        <Alert message={error} />
        <button class="btn btn-primary w-full justify-center" disabled={busy}>
          Log in
        </button>
      </form>
      <p class="mt-4 text-sm">
        New here?{" "}
        <a class="link" href={`/register${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}>
          Create an account
        </a>
      </p>
    </div>
  );
}

export function RegisterPage() {
  const [email, setEmail] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(query("next"));
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      await register(email, username, password);
      navigate(next, true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="card mx-auto max-w-sm">
      <h1 class="mb-4 text-2xl font-bold">Create your account</h1>
      <form onSubmit={submit}>
        <Field label="Email" type="email" value={email} onInput={setEmail} autocomplete="email" />
        <Field label="Username" value={username} onInput={setUsername} autocomplete="username" />
        <Field label="Password" type="password" value={password} onInput={setPassword} autocomplete="new-password" />
        <p class="mb-3 text-xs text-zinc-500">3–30 letters, digits, “_ . -”; a password of at least 8 characters.</p>
        <Alert message={error} />
        <button class="btn btn-primary w-full justify-center" disabled={busy}>
          Create account
        </button>
      </form>
      <p class="mt-4 text-sm">
        Already have one?{" "}
        <a class="link" href={`/login${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}>
          Log in
        </a>
      </p>
    </div>
  );
}

export function NotFoundPage({ title = "Page not found", text = "There is nothing here." }: { title?: string; text?: string }) {
  return (
    <div class="py-16 text-center">
      <h1 class="text-3xl font-bold">{title}</h1>
      <p class="mt-2 text-zinc-500">{text}</p>
      <a class="link mt-4 inline-block" href="/">
        Back to the library
      </a>
    </div>
  );
}
