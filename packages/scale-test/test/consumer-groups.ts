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
