import type { Metadata } from "next";
import { api, HydrateClient } from "../../../server/rsc";
import { DoorStaffManager } from "../_components/door-staff-manager";
import "./door-staff.css";

export const metadata: Metadata = { title: "Door staff" };

export default async function DoorStaffPage() {
  await api.doorStaff.overview.prefetch();
  return (
    <main id="main" className="page">
      <h1>Door staff</h1>
      <p className="lede">
        Invite the people who check tickets in at the entrance. They get an email, choose a
        password, and can then open the check-in desk for the events you chose, and nothing else.
      </p>
      <HydrateClient>
        <DoorStaffManager />
      </HydrateClient>
    </main>
  );
}
