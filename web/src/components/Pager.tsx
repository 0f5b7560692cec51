interface Props { offset: number; limit: number; total: number; onPage: (offset: number) => void; label?: string }

export function Pager({ offset, limit, total, onPage, label = "Pages" }: Props) {
  if (total <= limit) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav aria-label={label} class="mt-3 flex items-center gap-3 text-sm">
      <button class="btn" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        Previous
      </button>
      <span>
        {offset + 1}–{last} of {total}
      </span>
      <button class="btn" disabled={last >= total} onClick={() => onPage(offset + limit)}>
        Next page
      </button>
    </nav>
  );
}
