// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineConfig } from "vitest/config";

// Three tiers (see docs/ARCHITECTURE.md): unit tests next to the code, API
// integration tests against real SQLite and PostgreSQL, browser tests in
// real Chromium. `npm test` runs all of them.
export default defineConfig({
  test: {
    reporters: ["default", "./scripts/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          // Projects run one after another (unit → server → e2e): on two cores,
          // browser tests next to database tests would only slow both down.
          sequence: { groupOrder: 0 },
          include: ["packages/{protocol,crypto,web}/src/**/*.test.{ts,tsx}", "packages/crypto/test/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "server",
          sequence: { groupOrder: 1 },
          include: ["packages/server/{src,test}/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests start real servers and databases; two cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "e2e",
          sequence: { groupOrder: 2 },
          include: ["packages/e2e/tests/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for what a browser shows; its 1 s default is too short on a loaded CI machine.
          expect: { poll: { timeout: 30_000 } },
          // Two files at a time: a browser test keeps about half a core busy on average (measured: 716 s of CPU
          // in 1,441 s for the whole tier with two workers), the rest is waiting for pages, sockets and servers.
          // Each file starts its own server on a free port with its own data folder, so files never share state.
          maxWorkers: 2,
        },
      },
    ],
  },
});
