/**
 * The reason stored with an automatic refund and sent in payment-refunded: inventory could not
 * sell the paid seats, named by id so support can trace them.
 */
export const confirmationFailedReason = (
  unavailableSeatIds: readonly string[],
  inventoryReason: string,
): string => {
  const seats = [...new Set(unavailableSeatIds)].sort();
  const noun = seats.length === 1 ? "seat" : "seats";
  return `${noun} no longer available: ${seats.join(", ")} (${inventoryReason})`;
};
