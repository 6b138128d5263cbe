import { z } from "zod";
import { type Envelope, EnvelopeHeader } from "./envelope";
import type { Topic } from "./topics";

/**
 * Turns the payload of an older version into the shape of the next one. A breaking change to an
 * event is a new version plus an upcaster, so consumers only ever see the latest shape.
 */
export type Upcaster = (data: unknown) => unknown;

export type EventDefinition<
  TType extends string = string,
  TTopic extends Topic = Topic,
  TData extends z.ZodType = z.ZodType,
> = {
  type: TType;
  topic: TTopic;
  /** The version producers write today. */
  version: number;
  data: TData;
  /** upcasters[v] lifts version v to v + 1. */
  upcasters: Record<number, Upcaster>;
  envelope: z.ZodType<Envelope<TType, z.output<TData>>>;
};

export const defineEvent = <
  TType extends string,
  TTopic extends Topic,
  TData extends z.ZodType,
>(def: {
  type: TType;
  topic: TTopic;
  version: number;
  data: TData;
  upcasters?: Record<number, Upcaster>;
}): EventDefinition<TType, TTopic, TData> => ({
  ...def,
  upcasters: def.upcasters ?? {},
  envelope: EnvelopeHeader.extend({
    type: z.literal(def.type),
    data: def.data,
  }) as unknown as z.ZodType<Envelope<TType, z.output<TData>>>,
});

/** The envelope type of one event definition. */
export type EventOf<TDef> =
  TDef extends EventDefinition<infer TType, Topic, infer TData>
    ? Envelope<TType, z.output<TData>>
    : never;
