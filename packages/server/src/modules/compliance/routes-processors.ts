// SPDX-License-Identifier: AGPL-3.0-or-later
import { ArchiveProcessor, CreateProcessor, ListProcessors, UpdateProcessor } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { archiveProcessor, createProcessor, listProcessors, updateProcessor } from "./processors";

/** The processor register (Art. 28, ADR 0049): admins keep it, the DPO reads it (docs/PROTOCOL.md). */
export function registerProcessorRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListProcessors, async ({ actor, params }) => ({
    status: 200,
    body: { processors: await listProcessors(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(CreateProcessor, async ({ actor, params, body }) => ({
    status: 201,
    body: { processor: await createProcessor(ctx, { actor, orgId: params.orgId, input: body }) },
  }));

  routes.add(UpdateProcessor, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      processor: await updateProcessor(ctx, {
        actor,
        orgId: params.orgId,
        processorId: params.processorId,
        input: body,
      }),
    },
  }));

  routes.add(ArchiveProcessor, async ({ actor, params }) => ({
    status: 200,
    body: { processor: await archiveProcessor(ctx, { actor, orgId: params.orgId, processorId: params.processorId }) },
  }));
}
