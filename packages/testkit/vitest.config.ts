import { integrationTestConfig } from "./src/vitest-preset.js";

export default integrationTestConfig();
