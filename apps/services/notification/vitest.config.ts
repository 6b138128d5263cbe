import { integrationTestConfig } from "@marquee/testkit/vitest-preset";

export default integrationTestConfig();
