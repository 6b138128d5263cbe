import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSignedInUser } from "../../../lib/session";
import { api, HydrateClient } from "../../../server/rsc";
import { CheckoutForm } from "./checkout-form";
import "../../storefront.css";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const user = await getSignedInUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/checkout/${orderId}`)}`);
  await api.checkout.order.prefetch({ orderId });
  return (
    <main id="main" className="page checkout-page">
      <h1>Checkout</h1>
      <HydrateClient>
        <CheckoutForm orderId={orderId} email={user.email} guest={user.role === "guest"} />
      </HydrateClient>
    </main>
  );
}
