import { defineConfig } from "vitest/config";

// Pure functions only: no database, broker or network.
export default defineConfig({ test: { include: ["src/**/*.test.ts"] } });
