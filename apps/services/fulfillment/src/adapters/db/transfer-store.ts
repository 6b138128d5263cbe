import type { NewTicket, SqlTx } from "./ticket-store";

// Transfers: the seat's new ticket and the old one's end. Raw SQL like ticket-store.ts.

/** A transfer's new ticket: written by ticket-store's insertTicket, with its holder and lineage. */
export type TransferredTicket = NewTicket & {
  holderEmail: string;
  transferredFromId: string;
  generation: number;
};

/** The transferred ticket is void from now on, with the reason the door gives. */
export const voidTicket = async (
  tx: SqlTx,
  ticketId: string,
  at: Date,
  reason: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE ticket SET voided_at = $2::timestamptz, void_reason = $3
      WHERE id = $1::uuid AND voided_at IS NULL`,
    ticketId,
    at,
    reason,
  );
};
