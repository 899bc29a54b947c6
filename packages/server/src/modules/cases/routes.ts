// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  ArchiveCase,
  AssignCase,
  CloseCase,
  CreateRebindCode,
  GetCaseClientKeys,
  FindAgencies,
  GetAbsence,
  GetAgency,
  GetCase,
  GetOwedRotations,
  HandOverCase,
  ListCaseTeamWraps,
  ListCases,
  ListTopics,
  OpenCase,
  LookUpRebindCode,
  OpenNotes,
  RebindCase,
  RecordCaseExport,
  SetAbsence,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { getAbsence, setAbsence } from "./absence";
import { caseClientKeys, createRebindCode, lookUpRebindCode, rebindCase } from "./rebind";
import { acceptCase, archiveCase, assignCase, closeCase, getCase, handOverCase, listCases, openCase } from "./cases";
import { listCaseTeamWraps, openNotes, recordCaseExport } from "./notes";
import { findAgencies, getAgency, listTopics } from "./finder";
import { getOwedRotations } from "./owed-rotations";

/** Online counselling: the public finder, cases, notes and absence (docs/PROTOCOL.md, "Counselling"). */
export function registerCaseRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetOwedRotations, async ({ actor, params }) => ({
    status: 200,
    body: await getOwedRotations(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(ListTopics, async () => ({ status: 200, body: { topics: await listTopics(ctx) } }));

  routes.add(FindAgencies, async ({ query }) => ({
    status: 200,
    body: { agencies: await findAgencies(ctx, query) },
  }));

  routes.add(GetAgency, async ({ params, query }) => ({
    status: 200,
    body: await getAgency(ctx, { agencyId: params.agencyId, counsellorId: query.counsellorId }),
  }));

  routes.add(OpenCase, async ({ actor, body }) => ({
    status: 201,
    body: await openCase(ctx, actor, body),
  }));

  routes.add(ListCases, async ({ actor, query }) => ({
    status: 200,
    body: await listCases(ctx, actor, query),
  }));

  routes.add(GetCase, async ({ actor, params }) => ({
    status: 200,
    body: await getCase(ctx, actor, params.caseId),
  }));

  routes.add(AcceptCase, async ({ actor, params }) => ({
    status: 200,
    body: { case: await acceptCase(ctx, actor, params.caseId) },
  }));

  routes.add(AssignCase, async ({ actor, params, body }) => ({
    status: 200,
    body: { case: await assignCase(ctx, actor, params.caseId, body.assigneeId) },
  }));

  routes.add(HandOverCase, async ({ actor, params, body }) => ({
    status: 200,
    body: { case: await handOverCase(ctx, actor, params.caseId, body) },
  }));

  routes.add(CloseCase, async ({ actor, params }) => ({
    status: 200,
    body: { case: await closeCase(ctx, actor, params.caseId) },
  }));

  routes.add(ArchiveCase, async ({ actor, params }) => ({
    status: 200,
    body: { case: await archiveCase(ctx, actor, params.caseId) },
  }));

  routes.add(OpenNotes, async ({ actor, params, body }) => ({
    status: 201,
    body: { case: await openNotes(ctx, actor, params.caseId, body) },
  }));

  routes.add(RecordCaseExport, async ({ actor, params, body }) => {
    await recordCaseExport(ctx, actor, params.caseId, body);
    return { status: 204, body: null };
  });

  routes.add(ListCaseTeamWraps, async ({ actor, params }) => ({
    status: 200,
    body: { wraps: await listCaseTeamWraps(ctx, actor, params.caseId) },
  }));

  routes.add(CreateRebindCode, async ({ actor }) => ({
    status: 201,
    body: await createRebindCode(ctx, actor),
  }));

  routes.add(GetCaseClientKeys, async ({ actor, params }) => ({
    status: 200,
    body: await caseClientKeys(ctx, actor, params.caseId),
  }));

  routes.add(LookUpRebindCode, async ({ actor, params, body }) => ({
    status: 200,
    body: await lookUpRebindCode(ctx, actor, params.caseId, body.code),
  }));

  routes.add(RebindCase, async ({ actor, params, body }) => ({
    status: 200,
    body: await rebindCase(ctx, actor, params.caseId, body),
  }));

  routes.add(GetAbsence, async ({ actor }) => ({ status: 200, body: await getAbsence(ctx, actor) }));

  routes.add(SetAbsence, async ({ actor, body }) => ({
    status: 200,
    body: await setAbsence(ctx, actor, body),
  }));
}
