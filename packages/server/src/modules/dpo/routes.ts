// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CreateBreach,
  ExportAuditEntries,
  GetAuditStatus,
  GetProcessingRecord,
  GetProcessingRecordVersion,
  ListAuditEntries,
  ListBreaches,
  ListBreakGlass,
  RequestBreakGlass,
  StoreProcessingRecord,
  UpdateBreach,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { auditStatus, exportAuditEntries, listAuditEntries } from "./audit-viewer";
import { createBreach, listBreaches, updateBreach } from "./breaches";
import { listBreakGlass, requestBreakGlass } from "./break-glass";
import { getProcessingRecord, getProcessingRecordVersion, storeProcessingRecord } from "./processing-record";
import { registerTrainingRoutes } from "./routes-trainings";

/**
 * The DPO's tools: audit viewer, break glass, record of processing activities, breach register, training records
 * (docs/PROTOCOL.md, "Data-protection officer").
 */
export function registerDpoRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListAuditEntries, async ({ actor, params, query }) => {
    const { before, limit, ...filter } = query;
    return {
      status: 200,
      body: await listAuditEntries(ctx, { actor, orgId: params.orgId, filter, before, limit }),
    };
  });

  routes.add(ExportAuditEntries, async ({ actor, params, query }) => ({
    status: 200,
    body: await exportAuditEntries(ctx, { actor, orgId: params.orgId, filter: query }),
  }));

  routes.add(GetAuditStatus, async ({ actor, params }) => ({
    status: 200,
    body: await auditStatus(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(RequestBreakGlass, async ({ actor, params, body }) => ({
    status: 201,
    body: { grant: await requestBreakGlass(ctx, actor, params.caseId, body.reason) },
  }));

  routes.add(ListBreakGlass, async ({ actor, params }) => ({
    status: 200,
    body: { events: await listBreakGlass(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(GetProcessingRecord, async ({ actor, params }) => ({
    status: 200,
    body: await getProcessingRecord(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(StoreProcessingRecord, async ({ actor, params, body }) => ({
    status: 201,
    body: await storeProcessingRecord(ctx, { actor, orgId: params.orgId, ...body }),
  }));

  routes.add(GetProcessingRecordVersion, async ({ actor, params }) => ({
    status: 200,
    body: await getProcessingRecordVersion(ctx, { actor, orgId: params.orgId, version: params.version }),
  }));

  routes.add(ListBreaches, async ({ actor, params }) => ({
    status: 200,
    body: await listBreaches(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(CreateBreach, async ({ actor, params, body }) => ({
    status: 201,
    body: { breach: await createBreach(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  routes.add(UpdateBreach, async ({ actor, params, body }) => ({
    status: 200,
    body: { breach: await updateBreach(ctx, { actor, orgId: params.orgId, breachId: params.breachId, update: body }) },
  }));

  registerTrainingRoutes(routes, ctx);
}
