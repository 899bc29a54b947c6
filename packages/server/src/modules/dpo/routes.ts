// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ExportAuditEntries,
  GetAuditStatus,
  GetProcessingRecord,
  GetProcessingRecordVersion,
  ListAuditEntries,
  ListBreakGlass,
  RequestBreakGlass,
  StoreProcessingRecord,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { auditStatus, exportAuditEntries, listAuditEntries } from "./audit-viewer";
import { listBreakGlass, requestBreakGlass } from "./break-glass";
import { getProcessingRecord, getProcessingRecordVersion, storeProcessingRecord } from "./processing-record";

/** The DPO's tools: audit viewer, break glass, record of processing activities (docs/PROTOCOL.md, "Data-protection officer"). */
export function registerDpoRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, ListAuditEntries, async ({ actor, params, query }) => {
    const { before, limit, ...filter } = query;
    return {
      status: 200,
      body: await listAuditEntries(ctx, { actor, orgId: params.orgId, filter, before, limit }),
    };
  });

  registerRoute(app, ctx, ExportAuditEntries, async ({ actor, params, query }) => ({
    status: 200,
    body: await exportAuditEntries(ctx, { actor, orgId: params.orgId, filter: query }),
  }));

  registerRoute(app, ctx, GetAuditStatus, async ({ actor, params }) => ({
    status: 200,
    body: await auditStatus(ctx, { actor, orgId: params.orgId }),
  }));

  registerRoute(app, ctx, RequestBreakGlass, async ({ actor, params, body }) => ({
    status: 201,
    body: { grant: await requestBreakGlass(ctx, actor, params.caseId, body.reason) },
  }));

  registerRoute(app, ctx, ListBreakGlass, async ({ actor, params }) => ({
    status: 200,
    body: { events: await listBreakGlass(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, GetProcessingRecord, async ({ actor, params }) => ({
    status: 200,
    body: await getProcessingRecord(ctx, { actor, orgId: params.orgId }),
  }));

  registerRoute(app, ctx, StoreProcessingRecord, async ({ actor, params, body }) => ({
    status: 201,
    body: await storeProcessingRecord(ctx, { actor, orgId: params.orgId, ...body }),
  }));

  registerRoute(app, ctx, GetProcessingRecordVersion, async ({ actor, params }) => ({
    status: 200,
    body: await getProcessingRecordVersion(ctx, { actor, orgId: params.orgId, version: params.version }),
  }));
}
