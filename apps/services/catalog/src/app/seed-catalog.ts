// The demo catalog: three venues (a club, a theatre, a stadium) and seven published events a few
// days to three months ahead. Run by scripts/prepare.ts after migrations; idempotent and quick
// when already seeded. Seats and their `seats-generated` chunks go through the outbox like any
// organizer's layout, so inventory stocks them once the services run.
import { randomUUID } from "node:crypto";
import { addLayoutShape, findEvent, findVenue } from "../adapters/db/catalog-store";
import { createDb } from "../adapters/db/client";
import type { LayoutSpec } from "../domain/layout";
import type { SectionPlacement } from "../domain/venue-shape";
import { createEvent } from "./create-event";
import { createVenue } from "./create-venue";
import type { CatalogDeps } from "./deps";
import { generateLayout } from "./generate-layout";
import { publishEvent } from "./publish-event";

type SeedVenue = { id: string; name: string; city: string; timeZone: string; layout: LayoutSpec };

const club: SeedVenue = {
  id: "5eed0000-0000-4000-8000-00000000c1b0",
  name: "The Blue Lantern",
  city: "Lyon",
  timeZone: "Europe/Paris",
  layout: {
    currency: "EUR",
    tiers: [
      { name: "Front", priceCents: 3_500 },
      { name: "Standard", priceCents: 2_500 },
    ],
    // Two gently curved blocks facing a small stage, their rows on circles around one point.
    stage: { label: "Stage", shape: "rectangle", x: 0, y: -5, width: 16, height: 5 },
    sections: [
      {
        name: "Front",
        rows: 3,
        seatsPerRow: 14,
        tier: "Front",
        placement: { x: 0, y: 0, rotation: 0, radius: 24 },
      },
      {
        name: "Floor",
        rows: 6,
        seatsPerRow: 18,
        tier: "Standard",
        placement: { x: 0, y: 6, rotation: 0, radius: 30 },
      },
    ],
  },
};

const theatre: SeedVenue = {
  id: "5eed0000-0000-4000-8000-0000007ea7e0",
  name: "Royal Lyceum Theatre",
  city: "Edinburgh",
  timeZone: "Europe/London",
  layout: {
    currency: "GBP",
    tiers: [
      { name: "Premium", priceCents: 8_500 },
      { name: "Standard", priceCents: 5_500 },
      { name: "Balcony", priceCents: 3_200 },
    ],
    // Stalls, circle and balcony (the Upper Circle) one behind the other facing the stage, every
    // row on a circle around one point behind the stage.
    stage: { label: "Stage", shape: "rectangle", x: 0, y: -10, width: 36, height: 10 },
    sections: [
      {
        name: "Stalls",
        rows: 24,
        seatsPerRow: 30,
        tier: "Premium",
        placement: { x: 0, y: 0, rotation: 0, radius: 40 },
      },
      {
        name: "Dress Circle",
        rows: 12,
        seatsPerRow: 25,
        tier: "Standard",
        placement: { x: 0, y: 26, rotation: 0, radius: 66 },
      },
      {
        name: "Upper Circle",
        rows: 8,
        seatsPerRow: 25,
        tier: "Balcony",
        placement: { x: 0, y: 40, rotation: 0, radius: 80 },
      },
    ],
  },
};

/**
 * A section of a round bowl: its front row's middle `radius` units from the pitch's centre in the
 * direction `angle` (degrees clockwise from east), facing the centre, rows curving around it.
 */
const inTheBowl = (angle: number, radius: number): SectionPlacement => {
  const rad = (angle * Math.PI) / 180;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    x: round(radius * Math.cos(rad)),
    y: round(radius * Math.sin(rad)),
    rotation: angle - 90,
    radius,
  };
};
/** The eight stands of each ring, clockwise from north (up, -90°), 45° apart. */
const STANDS = [
  "North",
  "North-East",
  "East",
  "South-East",
  "South",
  "South-West",
  "West",
  "North-West",
];
/**
 * The bowl's two rings, eight stands each. Rows widen as they curve outwards (`widenRows`), each
 * keeping its front row's angle, so the stands fill their eighth of the ring from front to back
 * with the same narrow aisle between them: the lower ring 51 seats on a circle of 68, 19 rows
 * (1,100 seats a stand), the upper ring behind a concourse, 68 seats on a circle of 91, 20 rows
 * (1,500).
 */
const RINGS = [
  { ring: "Lower", radius: 68, rows: 19, seatsPerRow: 51 },
  { ring: "Upper", radius: 91, rows: 20, seatsPerRow: 68 },
] as const;
const stadium: SeedVenue = {
  id: "5eed0000-0000-4000-8000-00000057ad10",
  name: "Estadio Ribera",
  city: "Valencia",
  timeZone: "Europe/Madrid",
  layout: {
    currency: "EUR",
    tiers: [
      { name: "Lower", priceCents: 9_000 },
      { name: "Upper", priceCents: 4_500 },
    ],
    // 8 × 1,100 + 8 × 1,500 = 20,800 seats in a bowl around the pitch.
    stage: { label: "Pitch", shape: "rectangle", x: 0, y: 0, width: 104, height: 68 },
    sections: RINGS.flatMap(({ ring, radius, rows, seatsPerRow }) =>
      STANDS.map((stand, i) => ({
        name: `${stand} ${ring}`,
        rows,
        seatsPerRow,
        widenRows: true,
        tier: ring,
        placement: inTheBowl(-90 + i * 45, radius),
      })),
    ),
  },
};

type SeedEvent = {
  id: string;
  venue: SeedVenue;
  name: string;
  description: string;
  daysAhead: number;
  /** Start hour in UTC (evening in the venue's European time zone). */
  hourUtc: number;
  image: string;
  /** Sales open this many days after the first seed, at 09:00 UTC (absent: on sale at once). */
  salesOpenDaysAhead?: number;
  waitingRoom?: { admitPerMinute: number; windowSeconds: number };
};

export const seedEvents: SeedEvent[] = [
  {
    id: "5eed0000-0000-4000-8000-000000000001",
    venue: club,
    name: "Late Night Jazz Quartet",
    description: "Standards and originals from a quartet that plays as if the room were theirs.",
    daysAhead: 7,
    hourUtc: 19,
    image: "/events/jazz-quartet.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000002",
    venue: club,
    name: "Acoustic Sessions: Northern Lights",
    description: "Three songwriters, one stage, no amplifiers. An intimate evening of folk.",
    daysAhead: 21,
    hourUtc: 19,
    image: "/events/acoustic-sessions.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000003",
    venue: theatre,
    name: "Hamlet",
    description: "Shakespeare's tragedy in a bold new staging, with live string music.",
    daysAhead: 12,
    hourUtc: 19,
    image: "/events/hamlet.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000004",
    venue: theatre,
    name: "The Nutcracker",
    description: "The classic ballet for the whole family, with full orchestra.",
    daysAhead: 35,
    hourUtc: 18,
    image: "/events/nutcracker.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000005",
    venue: theatre,
    name: "Comedy Gala Night",
    description: "Five stand-up comedians, one host, and an evening of laughter for a good cause.",
    daysAhead: 60,
    hourUtc: 19,
    image: "/events/comedy-gala.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000006",
    venue: stadium,
    name: "Summer Stadium Tour: Neon Tides",
    description: "The band's biggest show yet: two hours of hits under the open sky.",
    daysAhead: 45,
    hourUtc: 18,
    image: "/events/neon-tides.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000007",
    venue: club,
    name: "Vinyl Night: Soul & Funk",
    description: "DJs spinning rare soul and funk records until late. Dance floor seating.",
    daysAhead: 90,
    hourUtc: 20,
    image: "/events/vinyl-night.svg",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000008",
    venue: theatre,
    name: "Neon Tides: Unplugged",
    description:
      "One night only, the band plays its hits acoustic. Sales open at a set time through a waiting room.",
    daysAhead: 30,
    hourUtc: 19,
    image: "/events/neon-tides.svg",
    salesOpenDaysAhead: 2,
    waitingRoom: { admitPerMinute: 60, windowSeconds: 600 },
  },
];

const dayAt = (now: Date, daysAhead: number, hourUtc: number): Date => {
  const day = new Date(now.getTime() + daysAhead * 86_400_000);
  return new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc, 0, 0),
  );
};
const startOf = (event: SeedEvent, now: Date): Date => dayAt(now, event.daysAhead, event.hourUtc);

/**
 * Set-ups may run side by side (several test runners starting at once): a row another one
 * inserted first is as good as ours.
 */
const orAlreadyThere = async <T>(work: Promise<T>): Promise<T | undefined> => {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") return undefined;
    throw error;
  }
};

const shapeSeededLayout = (deps: CatalogDeps, seed: SeedEvent): Promise<boolean> => {
  const { stage, sections } = seed.venue.layout;
  const placements = sections.flatMap((section) => (section.placement ? [section.placement] : []));
  if (!stage || placements.length !== sections.length) return Promise.resolve(false);
  return addLayoutShape(deps.db, seed.id, { stage, placements });
};

/** Creates what is missing of the demo catalog and publishes it; returns what it did. */
export const seedCatalogWith = async (deps: CatalogDeps, now = new Date()): Promise<string> => {
  const cause = { correlationId: randomUUID() };
  let created = 0;
  let shaped = 0;
  for (const seed of seedEvents) {
    const existing = await findEvent(deps.db, seed.id);
    if (existing?.status === "published" || existing?.status === "cancelled") {
      // Seeded before maps had venue shapes: same seats, now placed around the stage.
      if (await shapeSeededLayout(deps, seed)) shaped += 1;
      continue;
    }
    if (!(await findVenue(deps.db, seed.venue.id))) {
      const { layout: _layout, ...venue } = seed.venue;
      await orAlreadyThere(createVenue(deps, venue));
    }
    if (!existing) {
      const result = await orAlreadyThere(
        createEvent(deps, {
          id: seed.id,
          name: seed.name,
          description: seed.description,
          startsAt: startOf(seed, now),
          venueId: seed.venue.id,
          imagePath: seed.image,
          salesOpenAt:
            seed.salesOpenDaysAhead === undefined ? null : dayAt(now, seed.salesOpenDaysAhead, 9),
          waitingRoom: seed.waitingRoom ?? null,
        }),
      );
      if (result && !result.ok) throw new Error(`seed event ${seed.name}: ${result.error.kind}`);
    }
    if (!existing?.layout) {
      const layout = await generateLayout(deps, {
        eventId: seed.id,
        spec: seed.venue.layout,
        cause,
      });
      // layout-exists: a set-up running at the same time got there first.
      if (!layout.ok && layout.error.kind !== "layout-exists")
        throw new Error(`seed layout ${seed.name}: ${layout.error.kind}`);
    }
    const published = await publishEvent(deps, { eventId: seed.id, cause });
    if (!published.ok) throw new Error(`seed publish ${seed.name}: ${published.error.kind}`);
    created += 1;
  }
  const reshaped = shaped > 0 ? `, ${shaped} placed around their stage` : "";
  return created === 0
    ? `catalog: ${seedEvents.length} demo events in place${reshaped}`
    : `catalog: seeded ${created} demo event(s)${reshaped}`;
};

/** Entry point for set-up: opens the catalog database, seeds, closes. */
export const seedCatalog = async ({ databaseUrl }: { databaseUrl: string }): Promise<string> => {
  const db = createDb(databaseUrl, { poolMax: 2 });
  try {
    return await seedCatalogWith({ db, relay: { nudge: () => undefined } });
  } finally {
    await db.$disconnect();
  }
};
