/** The artwork shipped in public/events/, offered when creating an event. */
export const EVENT_IMAGES = [
  { path: "/events/acoustic-sessions.svg", label: "Acoustic sessions" },
  { path: "/events/comedy-gala.svg", label: "Comedy gala" },
  { path: "/events/hamlet.svg", label: "Hamlet" },
  { path: "/events/jazz-quartet.svg", label: "Jazz quartet" },
  { path: "/events/neon-tides.svg", label: "Neon tides" },
  { path: "/events/nutcracker.svg", label: "Nutcracker" },
  { path: "/events/vinyl-night.svg", label: "Vinyl night" },
] as const;
