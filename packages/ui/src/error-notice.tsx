import type { ReactNode } from "react";

export type ErrorNoticeProps = {
  title?: string;
  /** A sentence for people; never a stack trace or a raw service error. */
  message: string;
  /** Offered as a "Try again" button when given. */
  onRetry?: () => void;
  children?: ReactNode;
};

/** An error in place of the content that could not be shown, announced to screen readers. */
export function ErrorNotice({
  title = "Something went wrong",
  message,
  onRetry,
  children,
}: ErrorNoticeProps) {
  return (
    <div className="error-notice" role="alert">
      <p className="error-notice-title">{title}</p>
      <p>{message}</p>
      {children}
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
