import { z } from "zod";

/** Fields every message on every topic carries, whatever its type. */
export const EnvelopeHeader = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  key: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
});
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

export type Envelope<TType extends string, TData> = Omit<EnvelopeHeader, "type"> & {
  type: TType;
  data: TData;
};

/** Money is always integer minor units with an ISO 4217 currency. */
export const Cents = z.number().int().nonnegative();
export const Currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR");
