import type { ButtonHTMLAttributes } from "react";

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "danger";
  /** Shows progress and blocks double submits while an action runs. */
  busy?: boolean;
};

/**
 * The one button of the storefront and organizer pages. Styling comes from the app's CSS via
 * `data-variant`, so the component carries no styling library.
 */
export function Button({
  variant = "primary",
  busy = false,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      data-variant={variant}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
