import { createRequire } from "node:module";

type ConsumerGroupInstance = {
  cluster: object;
  memberId: string | null;
};
type ConsumerGroupClass = {
  // Function-typed properties, not methods: they are taken off the prototype and called with `this`.
  prototype: ConsumerGroupInstance & {
    joinAndSync: (this: ConsumerGroupInstance) => Promise<void>;
    leave: (this: ConsumerGroupInstance) => Promise<void>;
  };
};

/** The member id each kafkajs consumer (one cluster object per consumer) last joined as. */
const memberIds = new WeakMap<object, string>();
let installed = false;

/**
 * Makes a kafkajs consumer that restarts after a crash rejoin its group as the member it was.
 *
 * kafkajs restarts a crashed consumer (which it does every few seconds while the broker is away)
 * with a fresh group state and so joins as a new member. A broker that comes back reloads the
 * group with the old member in it, and the coordinator then holds the rebalance until that member's
 * session times out (`sessionTimeout`, 30 s): nothing is consumed for that long after the broker
 * answers again. Joining with the old member id is what a consumer that never crashed would do;
 * the coordinator accepts it at once, and answers UNKNOWN_MEMBER_ID when it no longer knows the id,
 * on which kafkajs itself clears it and joins as a new member.
 *
 * kafkajs is pinned (2.2.4) and this patches its ConsumerGroup class, which it does not export;
 * test/broker-crash.test.ts fails (by about 30 s) if the patch stops taking effect.
 */
export const rejoinAsSameMember = (): void => {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const ConsumerGroup = require("kafkajs/src/consumer/consumerGroup") as ConsumerGroupClass;
  const { joinAndSync, leave } = ConsumerGroup.prototype;
  ConsumerGroup.prototype.joinAndSync = async function (this: ConsumerGroupInstance) {
    const remembered = memberIds.get(this.cluster);
    if (!this.memberId && remembered) this.memberId = remembered;
    await joinAndSync.call(this);
    if (this.memberId) memberIds.set(this.cluster, this.memberId);
  };
  // kafkajs also "leaves" on its way to a restart, when the broker is gone and the leave fails:
  // the broker still counts the member then, so the id is kept for the rejoin.
  ConsumerGroup.prototype.leave = async function (this: ConsumerGroupInstance) {
    await leave.call(this);
    memberIds.delete(this.cluster);
  };
};
