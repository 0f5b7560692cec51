import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

interface Props { title: string; open: boolean; onClose: () => void; children: ComponentChildren }

/** A modal <dialog>: focus moves in, Escape closes, focus returns where it was. */
export function Dialog({ title, open, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      class="m-auto w-full max-w-md rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 class="mb-3 text-lg font-semibold">{title}</h2>
      {open && children}
    </dialog>
  );
}
