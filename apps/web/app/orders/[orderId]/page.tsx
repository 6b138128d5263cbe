import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSignedInUser } from "../../../lib/session";
import { OrderConfirmation } from "./order-confirmation";
import "../../storefront.css";

export const metadata: Metadata = { title: "Your order" };

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const user = await getSignedInUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/orders/${orderId}`)}`);
  return (
    <main id="main" className="page">
      <OrderConfirmation orderId={orderId} />
    </main>
  );
}
