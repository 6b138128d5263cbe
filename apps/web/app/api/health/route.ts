// Liveness for the web server itself; it does not call the services, so it stays up when they are down.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
