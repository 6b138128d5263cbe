import { integrationTestConfig } from "@marquee/testkit/vitest-preset";
import { mergeConfig } from "vitest/config";

// A saga test waits on two or three Kafka hops, and a consumer group rebalance can hold one up for
// a session timeout (30 s), so tests get more time than the preset's 60 s.
export default mergeConfig(integrationTestConfig(), { test: { testTimeout: 180_000 } });
