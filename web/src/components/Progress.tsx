/** A determinate progress bar (indeterminate while `max` is 0), named for what it measures. */
export function Progress({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  const known = max > 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? Math.min(value, max) : undefined}
      aria-valuetext={text}
      class="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
    >
      <div
        class={`h-full rounded-full bg-violet-600 ${known ? "transition-[width] duration-500" : "w-1/3 animate-pulse"}`}
        style={known ? { width: `${(100 * Math.min(value, max)) / max}%` } : undefined}
      />
    </div>
  );
}
