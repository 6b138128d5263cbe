import { LoadingState } from "@marquee/ui/loading-state";

export default function Loading() {
  return (
    <main id="main" className="page">
      <LoadingState label="Loading…" />
    </main>
  );
}
