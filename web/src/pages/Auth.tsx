import { useState } from "preact/hooks";
import { logIn, register } from "../api/session";
import { Alert } from "../components/Alert";
import { nextPath } from "../lib/input";
import { navigate, query } from "../router";

interface FieldSpec { name: string; label: string; type?: string; autocomplete: string }

interface AuthFormProps {
  title: string;
  fields: FieldSpec[];
  submitLabel: string;
  /** Sends the form's values; on success the user lands where they came from. */
  submit: (values: Record<string, string>) => Promise<void>;
  hint?: string;
  /** The other form: where it is and what it is called. */
  other: { path: string; question: string; label: string };
}

/** Log in and Create account are one form: fields, one button, an alert, the way back. */
function AuthForm({ title, fields, submitLabel, submit, hint, other }: AuthFormProps) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, ""])));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(query("next"));
  async function onSubmit(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      await submit(values);
      navigate(next, true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="card mx-auto max-w-sm">
      <h1 class="mb-4 text-2xl font-bold">{title}</h1>
      <form onSubmit={onSubmit}>
        {fields.map((f) => (
          <Field key={f.name} spec={f} value={values[f.name]} onInput={(v) => setValues({ ...values, [f.name]: v })} />
        ))}
        {hint && <p class="mb-3 text-xs text-zinc-500">{hint}</p>}
        <Alert message={error} />
        <button class="btn btn-primary w-full justify-center" disabled={busy}>
          {submitLabel}
        </button>
      </form>
      <p class="mt-4 text-sm">
        {other.question}{" "}
        <a class="link" href={`${other.path}${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}>
          {other.label}
        </a>
      </p>
    </div>
  );
}

function Field({ spec, value, onInput }: { spec: FieldSpec; value: string; onInput: (v: string) => void }) {
  const id = `f-${spec.label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div class="mb-3">
      <label class="label" for={id}>
        {spec.label}
      </label>
      <input id={id} class="input" type={spec.type ?? "text"} required autocomplete={spec.autocomplete} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

const LOGIN_FIELDS: FieldSpec[] = [
  { name: "login", label: "Username or email", autocomplete: "username" },
  { name: "password", label: "Password", type: "password", autocomplete: "current-password" },
];

const REGISTER_FIELDS: FieldSpec[] = [
  { name: "email", label: "Email", type: "email", autocomplete: "email" },
  { name: "username", label: "Username", autocomplete: "username" },
  { name: "password", label: "Password", type: "password", autocomplete: "new-password" },
];

export function LoginPage() {
  return (
    <AuthForm
      title="Log in"
      fields={LOGIN_FIELDS}
      submitLabel="Log in"
      submit={(v) => logIn(v.login, v.password)}
      other={{ path: "/register", question: "New here?", label: "Create an account" }}
    />
  );
}

export function RegisterPage() {
  return (
    <AuthForm
      title="Create your account"
      fields={REGISTER_FIELDS}
      submitLabel="Create account"
      submit={(v) => register(v.email, v.username, v.password)}
      hint="3–30 letters, digits, “_ . -”; a password of at least 8 characters."
      other={{ path: "/login", question: "Already have one?", label: "Log in" }}
    />
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
