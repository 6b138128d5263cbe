import { getAccessToken } from "../../../../../lib/session";
import { serviceUrl } from "../../../../../server/services";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const problem = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });

/**
 * The tickets of one order as a PDF, streamed from fulfillment with the caller's own token, so
 * fulfillment decides whose order it is: the browser never sees the token, and nobody downloads
 * someone else's tickets.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ orderId: string }> },
): Promise<Response> {
  const { orderId } = await params;
  if (!UUID.test(orderId)) return problem(400, "orderId: not an order id");
  const token = await getAccessToken();
  if (!token) return problem(401, "Sign in to download your tickets.");

  let upstream: Response;
  try {
    upstream = await fetch(`${serviceUrl("fulfillment")}/orders/${orderId}/tickets.pdf`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
      cache: "no-store",
    });
  } catch {
    return problem(503, "Tickets cannot be downloaded right now; please try again in a moment.");
  }
  if (!upstream.ok || !upstream.body) {
    switch (upstream.status) {
      case 401:
        return problem(401, "Sign in to download your tickets.");
      case 403:
        return problem(403, "This order belongs to another account.");
      case 404:
        return problem(404, "This order has no tickets yet.");
      default:
        return problem(
          502,
          "Tickets cannot be downloaded right now; please try again in a moment.",
        );
    }
  }
  return new Response(upstream.body, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="marquee-tickets-${orderId.slice(0, 8)}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}
