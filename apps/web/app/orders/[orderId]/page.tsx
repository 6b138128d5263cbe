import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSignedInUser } from "../../../lib/session";
import { api, HydrateClient } from "../../../server/rsc";
import { OrderConfirmation } from "./order-confirmation";
import "../../storefront.css";

export const metadata: Metadata = { title: "Your order" };

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const user = await getSignedInUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/orders/${orderId}`)}`);
  await api.checkout.confirmation.prefetch({ orderId });
  return (
    <main id="main" className="page">
      <HydrateClient>
        <OrderConfirmation orderId={orderId} />
      </HydrateClient>
    </main>
  );
}
