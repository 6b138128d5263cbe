import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source, so Next compiles them with the app.
  transpilePackages: ["@marquee/ui", "@marquee/events", "@marquee/tickets"],
  poweredByHeader: false,
};

export default nextConfig;
