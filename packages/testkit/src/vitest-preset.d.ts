import type { UserConfig } from "vitest/config";

export declare const integrationTestConfig: (overrides?: { include?: string[] }) => UserConfig;
