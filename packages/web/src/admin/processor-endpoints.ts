// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ArchiveProcessor, CreateProcessor, ListProcessors, UpdateProcessor } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// The processor register (Art. 28, ADR 0049); each literal is type-checked against the protocol (api/client.ts).
const base = "/api/organisations/:orgId/processors" as const;
export const listProcessors: Endpoint<typeof ListProcessors> = { method: "GET", path: base };
export const createProcessor: Endpoint<typeof CreateProcessor> = { method: "POST", path: base };
export const updateProcessor: Endpoint<typeof UpdateProcessor> = { method: "PUT", path: `${base}/:processorId` };
export const archiveProcessor: Endpoint<typeof ArchiveProcessor> = {
  method: "POST",
  path: `${base}/:processorId/archive`,
};
