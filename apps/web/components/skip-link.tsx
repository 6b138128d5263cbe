"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent } from "react";

const MAIN = { id: "main", label: "Skip to content" };

/**
 * The first focusable element of every page, shown when focused: it skips the header. It leads to
 * `<main id="main">` unless the page marks its own control with `data-skip-to="<link text>"` and
 * an id (the event page marks its seat map: "Skip to the seat map"), so there is one skip link
 * and it goes where the page's work is. The target may appear after the page (the seat map loads
 * after the page), so the page is watched for it.
 *
 * A link followed inside the app replaces the page without loading it, and the focus on the link
 * is lost with it: the next Tab would start wherever the link had been. So when a new page comes
 * and nothing has the focus, the skip link takes it, as if the page had loaded (shown only to
 * keyboard users: `:focus-visible`).
 */
export function SkipLink() {
  const pathname = usePathname();
  const link = useRef<HTMLAnchorElement>(null);
  const shown = useRef(pathname);
  const [target, setTarget] = useState(MAIN);

  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected)
      link.current?.focus({ preventScroll: true });
  }, [pathname]);

  useEffect(() => {
    const find = () => {
      const el = document.querySelector<HTMLElement>("[data-skip-to]");
      const id = el?.id || MAIN.id;
      const label = (el?.id && el.dataset.skipTo) || MAIN.label;
      setTarget((current) =>
        current.id === id && current.label === label ? current : { id, label },
      );
    };
    find();
    const observer = new MutationObserver(find);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);

  // A focusable target takes the focus, so the next key press acts on it (the seat map's arrows);
  // <main> only moves the starting point of the next Tab, which the browser does by itself.
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const el = document.getElementById(target.id);
    if (!el || el.tabIndex < 0) return;
    event.preventDefault();
    el.focus();
    el.scrollIntoView({ block: "nearest" });
  };

  return (
    <a
      ref={link}
      className="skip-link"
      href={`#${target.id}`}
      onClick={onClick}
      data-testid="skip-link"
    >
      {target.label}
    </a>
  );
}
