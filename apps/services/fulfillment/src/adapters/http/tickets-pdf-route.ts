import { bearerToken, TokenVerificationError, type TokenVerifier } from "@marquee/service/auth";
import type { Service } from "@marquee/service/server";
import { z } from "zod";
import type { FulfillmentDeps } from "../../app/deps";
import { listOrderTickets, ticketsOfTheBuyer } from "../../app/list-tickets";
import { renderOrderPdf } from "../../app/render-order-pdf";

const Params = z.object({ orderId: z.uuid() });

/**
 * `GET /orders/:orderId/tickets.pdf` with `Authorization: Bearer <token>`: the order's tickets as
 * one PDF, for its owner or an admin. Plain HTTP rather than tRPC, so a browser can download it.
 */
export const ticketsPdfRoute =
  (deps: FulfillmentDeps, verifier: TokenVerifier) =>
  (app: Service["app"]): void => {
    app.get("/orders/:orderId/tickets.pdf", async (request, reply) => {
      const params = Params.safeParse(request.params);
      if (!params.success) {
        return reply.code(400).send({ error: "orderId: expected a UUID" });
      }
      const token = bearerToken(request.headers.authorization);
      if (token === null) return reply.code(401).send({ error: "sign in first" });
      let user;
      try {
        user = await verifier.verify(token);
      } catch (error) {
        if (error instanceof TokenVerificationError && error.reason === "unavailable") {
          return reply.code(503).send({ error: "cannot verify the token right now; try again" });
        }
        return reply.code(401).send({ error: "invalid token" });
      }

      const { orderId } = params.data;
      const { ownerId, rows } = await listOrderTickets(deps.db, orderId);
      if (ownerId === null) {
        return reply.code(404).send({ error: `orderId: no tickets issued for order ${orderId}` });
      }
      if (user.role !== "admin" && user.id !== ownerId) {
        return reply.code(403).send({ error: "this belongs to someone else" });
      }
      const pdf = await renderOrderPdf(
        orderId,
        user.role === "admin" ? rows : ticketsOfTheBuyer(rows),
      );
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="marquee-tickets-${orderId}.pdf"`)
        .header("cache-control", "private, no-store")
        .send(pdf);
    });
  };
