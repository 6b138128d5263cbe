import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "../components/providers";
import { SiteHeader } from "../components/site-header";
import { SkipLink } from "../components/skip-link";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Marquee — tickets for live events",
    template: "%s · Marquee",
  },
  description:
    "Pick your seats on a live seat map, hold them while you pay, and get your tickets by email.",
};

export const viewport: Viewport = {
  themeColor: "#0f1020",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <Providers>
          <SiteHeader />
          {children}
          <footer className="site-footer">© Marquee</footer>
        </Providers>
      </body>
    </html>
  );
}
