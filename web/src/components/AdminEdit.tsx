import { useState } from "preact/hooks";
import { api } from "../api/http";
import { me } from "../api/session";
import { Alert } from "./Alert";

export interface EditField { name: string; label: string; value: string; type?: "text" | "textarea" | "date" }

interface Props {
  /** The entity's API path, e.g. `/api/v1/songs/3`. */
  path: string;
  fields: EditField[];
  /** Turns the form's strings into the PATCH body (e.g. "3:25" into duration_ms). */
  toBody?: (values: Record<string, string>) => Record<string, unknown>;
  onSaved: () => void;
}

/** For admins: edit a catalog entry in place; the page reloads it from the server after. */
export function AdminEdit({ path, fields, toBody, onSaved }: Props) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  if (!me.value?.is_admin) return null;
  function start() {
    setValues(Object.fromEntries(fields.map((f) => [f.name, f.value])));
    setError(null);
    setOpen(true);
  }
  async function save(e: Event) {
    e.preventDefault();
    try {
      const body = toBody ? toBody(values) : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() ? v : null]));
      await api(path, { method: "PATCH", json: body });
      setOpen(false);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  if (!open) {
    return (
      <button class="btn mt-3" onClick={start}>
        Edit
      </button>
    );
  }
  return (
    <form onSubmit={save} class="card mt-3 max-w-lg">
      {fields.map((f) => {
        const id = `edit-${f.name}`;
        const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => setValues({ ...values, [f.name]: e.currentTarget.value });
        return (
          <div key={f.name} class="mb-3">
            <label class="label" for={id}>
              {f.label}
            </label>
            {f.type === "textarea" ? (
              <textarea id={id} class="input" rows={3} value={values[f.name]} onInput={onInput} />
            ) : (
              <input id={id} type={f.type ?? "text"} class="input" value={values[f.name]} onInput={onInput} />
            )}
          </div>
        );
      })}
      <Alert message={error} />
      <div class="flex gap-2">
        <button class="btn btn-primary">Save changes</button>
        <button type="button" class="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
