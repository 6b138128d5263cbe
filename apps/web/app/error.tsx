"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";

export default function PageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="page">
      <ErrorNotice
        title="This page could not be shown"
        message="Part of Marquee is not answering right now. Please try again in a moment."
        onRetry={reset}
      />
    </main>
  );
}
