// JavaScript rather than next.config.ts: Next compiles a TypeScript config at every start with its
// SWC binding, which then stays loaded in the server (about 24 MiB of its memory).
/** @type {import("next").NextConfig} */
const nextConfig = {
  // Workspace packages ship TypeScript source, so Next compiles them with the app.
  transpilePackages: ["@marquee/ui", "@marquee/events", "@marquee/tickets"],
  poweredByHeader: false,
  experimental: {
    // Each page's server code loads on its first request instead of all of them at start: about
    // 10 MiB less for a server nobody has asked for a page yet, one module load on a first visit.
    preloadEntriesOnStart: false,
  },
};

export default nextConfig;
