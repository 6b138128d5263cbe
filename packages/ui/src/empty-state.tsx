import type { ReactNode } from "react";

/** What a list shows when it has nothing yet, with an optional next step (a link or button). */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {children}
    </div>
  );
}
