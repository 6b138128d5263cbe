import type { Metadata } from "next";
import { MyOrders } from "../_components/my-orders";

export const metadata: Metadata = { title: "My orders" };

export default function MyOrdersPage() {
  return (
    <main id="main" className="page">
      <h1>My orders</h1>
      <MyOrders />
    </main>
  );
}
