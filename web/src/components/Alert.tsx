export function Alert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div role="alert" class="my-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      {message}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div role="progressbar" aria-label={label} aria-busy="true" class="my-6 flex items-center gap-2 text-sm text-zinc-500">
      <span class="h-4 w-4 animate-spin rounded-full border-2 border-violet-600 border-t-transparent" />
      {label}…
    </div>
  );
}
