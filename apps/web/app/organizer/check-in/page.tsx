import type { Metadata } from "next";
import { api, HydrateClient } from "../../../server/rsc";
import { CheckInDesk } from "../_components/check-in-desk";

export const metadata: Metadata = { title: "Check-in" };

const one = (value: string | string[] | undefined): string | null =>
  typeof value === "string" && value ? value : null;

/** `?event=&list=` reopen a desk (the desk keeps them up to date as the staff choose). */
export default async function CheckInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  await api.door.events.prefetch();
  return (
    <main id="main" className="page">
      <h1>Check-in</h1>
      <p className="lede">
        Choose the event and the check-in list of this desk, then scan tickets with the camera or
        type the code printed under the QR.
      </p>
      <HydrateClient>
        <CheckInDesk initialEventId={one(params.event)} initialListId={one(params.list)} />
      </HydrateClient>
    </main>
  );
}
