"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import Link from "next/link";

export default function EventError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="page">
      <ErrorNotice
        title="This event could not be shown"
        message="The event service is not answering right now. Please try again in a moment."
        onRetry={reset}
      >
        <p>
          <Link href="/">Back to all events</Link>
        </p>
      </ErrorNotice>
    </main>
  );
}
