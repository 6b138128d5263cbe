import { AssignerProtocol, type Admin } from "kafkajs";

/** Every consumer group of inventory, ordering, payment, fulfillment and notification
 * (`<service>.<purpose>`, as each create-<service>-service.ts names them). */
export const PURCHASE_GROUPS = [
  "inventory.catalog",
  "inventory.payments",
  "inventory.orders",
  "ordering.reservations",
  "ordering.payments",
  "ordering.tickets",
  "payment.orders",
  "payment.reservations",
  "fulfillment.events",
  "fulfillment.orders",
  "notification.tickets",
  "notification.orders",
  "notification.payments",
  "notification.reservations",
];

export type GroupMembers = {
  groupId: string;
  state: string;
  /** Each member's assigned partitions per topic. */
  members: Array<{ memberId: string; assignment: Record<string, number[]> }>;
};

/** The members of each consumer group and what the group leader assigned them (describeGroups). */
export const describeMembers = async (
  admin: Admin,
  groupIds: string[],
): Promise<GroupMembers[]> => {
  const { groups } = await admin.describeGroups(groupIds);
  return groups.map((group) => ({
    groupId: group.groupId,
    state: group.state,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      assignment:
        AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {},
    })),
  }));
};

export const partitionCount = (assignment: Record<string, number[]>) =>
  Object.values(assignment).reduce((sum, partitions) => sum + partitions.length, 0);

/**
 * Events the groups have yet to apply: per topic partition they subscribe to, the log end offset
 * minus the group's committed offset (the log start when it has committed none).
 */
export const consumerLag = async (admin: Admin, groupIds: string[]): Promise<number> => {
  let lag = 0;
  const ends = new Map<string, Map<number, { high: number; low: number }>>();
  const endsOf = async (topic: string) => {
    let byPartition = ends.get(topic);
    if (!byPartition) {
      byPartition = new Map(
        (await admin.fetchTopicOffsets(topic)).map((p) => [
          p.partition,
          { high: Number(p.high), low: Number(p.low) },
        ]),
      );
      ends.set(topic, byPartition);
    }
    return byPartition;
  };
  for (const groupId of groupIds) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
      const topicEnds = await endsOf(topic);
      for (const { partition, offset } of partitions) {
        const end = topicEnds.get(partition);
        if (!end) continue;
        const committed = Number(offset) < 0 ? end.low : Number(offset);
        lag += Math.max(0, end.high - committed);
      }
    }
  }
  return lag;
};
