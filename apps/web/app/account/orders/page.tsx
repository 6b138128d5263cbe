import type { Metadata } from "next";
import { api, HydrateClient } from "../../../server/rsc";
import { MyOrders } from "../_components/my-orders";

export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage() {
  await api.account.orders.prefetchInfinite({});
  return (
    <main id="main" className="page">
      <h1>My orders</h1>
      <HydrateClient>
        <MyOrders />
      </HydrateClient>
    </main>
  );
}
