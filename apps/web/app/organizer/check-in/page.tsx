import type { Metadata } from "next";
import { CheckInDesk } from "../_components/check-in-desk";

export const metadata: Metadata = { title: "Check-in" };

export default function CheckInPage() {
  return (
    <main id="main" className="page">
      <h1>Check-in</h1>
      <p className="lede">
        Scan or type the code printed under the ticket&apos;s QR code. Each ticket gets in once.
      </p>
      <CheckInDesk />
    </main>
  );
}
