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
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { getAbsence, setAbsence } from "./absence";
import { caseClientKeys, createRebindCode, lookUpRebindCode, rebindCase } from "./rebind";
import {
  acceptCase,
  archiveCase,
  assignCase,
  closeCase,
  getCase,
  handOverCase,
  listCases,
  openCase,
} from "./cases";
import { listCaseTeamWraps, openNotes, recordCaseExport } from "./notes";
import { findAgencies, getAgency, listTopics } from "./finder";

/** Online counselling: the public finder, cases, notes and absence (docs/PROTOCOL.md, "Counselling"). */
export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, ListTopics, async () => ({ status: 200, body: { topics: await listTopics(ctx) } }));

  registerRoute(app, ctx, FindAgencies, async ({ query }) => ({
    status: 200,
    body: { agencies: await findAgencies(ctx, query) },
  }));

  registerRoute(app, ctx, GetAgency, async ({ params, query }) => ({
    status: 200,
    body: await getAgency(ctx, { agencyId: params.agencyId, counsellorId: query.counsellorId }),
  }));

  registerRoute(app, ctx, OpenCase, async ({ actor, body }) => ({
    status: 201,
    body: await openCase(ctx, actor, body),
  }));

  registerRoute(app, ctx, ListCases, async ({ actor, query }) => ({
    status: 200,
    body: { cases: await listCases(ctx, actor, query) },
  }));

  registerRoute(app, ctx, GetCase, async ({ actor, params }) => ({
    status: 200,
    body: await getCase(ctx, actor, params.caseId),
  }));

  registerRoute(app, ctx, AcceptCase, async ({ actor, params }) => ({
    status: 200,
    body: { case: await acceptCase(ctx, actor, params.caseId) },
  }));

  registerRoute(app, ctx, AssignCase, async ({ actor, params, body }) => ({
    status: 200,
    body: { case: await assignCase(ctx, actor, params.caseId, body.assigneeId) },
  }));

  registerRoute(app, ctx, HandOverCase, async ({ actor, params, body }) => ({
    status: 200,
    body: { case: await handOverCase(ctx, actor, params.caseId, body) },
  }));

  registerRoute(app, ctx, CloseCase, async ({ actor, params }) => ({
    status: 200,
    body: { case: await closeCase(ctx, actor, params.caseId) },
  }));

  registerRoute(app, ctx, ArchiveCase, async ({ actor, params }) => ({
    status: 200,
    body: { case: await archiveCase(ctx, actor, params.caseId) },
  }));

  registerRoute(app, ctx, OpenNotes, async ({ actor, params, body }) => ({
    status: 201,
    body: { case: await openNotes(ctx, actor, params.caseId, body) },
  }));

  registerRoute(app, ctx, RecordCaseExport, async ({ actor, params, body }) => {
    await recordCaseExport(ctx, actor, params.caseId, body);
    return { status: 204, body: null };
  });

  registerRoute(app, ctx, ListCaseTeamWraps, async ({ actor, params }) => ({
    status: 200,
    body: { wraps: await listCaseTeamWraps(ctx, actor, params.caseId) },
  }));

  registerRoute(app, ctx, CreateRebindCode, async ({ actor }) => ({
    status: 201,
    body: await createRebindCode(ctx, actor),
  }));

  registerRoute(app, ctx, GetCaseClientKeys, async ({ actor, params }) => ({
    status: 200,
    body: await caseClientKeys(ctx, actor, params.caseId),
  }));

  registerRoute(app, ctx, LookUpRebindCode, async ({ actor, params, body }) => ({
    status: 200,
    body: await lookUpRebindCode(ctx, actor, params.caseId, body.code),
  }));

  registerRoute(app, ctx, RebindCase, async ({ actor, params, body }) => ({
    status: 200,
    body: await rebindCase(ctx, actor, params.caseId, body),
  }));

  registerRoute(app, ctx, GetAbsence, async ({ actor }) => ({ status: 200, body: await getAbsence(ctx, actor) }));

  registerRoute(app, ctx, SetAbsence, async ({ actor, body }) => ({
    status: 200,
    body: await setAbsence(ctx, actor, body),
  }));
}
