/**
 * What a page or panel shows while its data loads: a polite live region, so screen readers hear
 * the label once, and a spinner that respects reduced motion (styled by the app's CSS).
 */
export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <span className="loading-spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
