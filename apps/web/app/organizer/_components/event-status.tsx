const LABELS = { draft: "Draft", published: "On sale", cancelled: "Cancelled" } as const;

/** An event's status as a labelled badge (text, not colour alone). */
export function EventStatus({ status }: { status: keyof typeof LABELS }) {
  return (
    <span className="status-badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
