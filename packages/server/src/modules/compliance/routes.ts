// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptDocument,
  ApproveOrgDocument,
  CheckForwarding,
  ConfirmDocument,
  GiveMyConsent,
  ListMyConsents,
  WithdrawMyConsent,
  CreateOrgDocument,
  GetClientChannelPreferences,
  GetMyChannelPreferences,
  GetPublishedDocuments,
  GuidelineReport,
  ListConsents,
  ListMyAcceptances,
  ListOrgDocuments,
  PublishOrgDocument,
  RecordConsent,
  UpdateMyChannelPreferences,
  UpdateOrgDocument,
  WithdrawConsent,
} from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import {
  clientChannelPreferences,
  myChannelPreferences,
  updateMyChannelPreferences,
} from "./channel-preferences";
import { giveMyConsent, listConsents, listMyConsents, recordConsent, withdrawConsent } from "./consents";
import {
  acceptDocument,
  approveDraft,
  createDraft,
  guidelineReport,
  listDocuments,
  myAcceptances,
  publishDocument,
  publishedDocuments,
  updateDraft,
} from "./documents";
import { checkForwarding } from "./forwarding";

/** Documents, acceptances, consents, channel preferences and the forwarding gate (issue 7.1–7.2). */
export function registerComplianceRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, GetPublishedDocuments, async ({ params }) => ({
    status: 200,
    body: { documents: await publishedDocuments(ctx, params.orgId) },
  }));

  registerRoute(app, ctx, ListOrgDocuments, async ({ actor, params }) => ({
    status: 200,
    body: { documents: await listDocuments(ctx, { actor, orgId: params.orgId }) },
  }));

  registerRoute(app, ctx, CreateOrgDocument, async ({ actor, params, body }) => ({
    status: 201,
    body: { document: await createDraft(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  registerRoute(app, ctx, UpdateOrgDocument, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      document: await updateDraft(ctx, { actor, orgId: params.orgId, documentId: params.documentId, text: body.text }),
    },
  }));

  registerRoute(app, ctx, ApproveOrgDocument, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      document: await approveDraft(ctx, {
        actor,
        orgId: params.orgId,
        documentId: params.documentId,
        sha256: body.sha256,
      }),
    },
  }));

  registerRoute(app, ctx, PublishOrgDocument, async ({ actor, params }) => ({
    status: 200,
    body: { document: await publishDocument(ctx, { actor, orgId: params.orgId, documentId: params.documentId }) },
  }));

  registerRoute(app, ctx, AcceptDocument, async ({ actor, params, body }) => ({
    status: 201,
    body: { acceptance: await acceptDocument(ctx, { actor, documentId: params.documentId, sha256: body.sha256 }) },
  }));

  registerRoute(app, ctx, ConfirmDocument, async ({ actor, params, body }) => ({
    status: 201,
    body: {
      acceptance: await acceptDocument(ctx, {
        actor,
        orgId: params.orgId,
        documentId: params.documentId,
        sha256: body.sha256,
      }),
    },
  }));

  registerRoute(app, ctx, ListMyAcceptances, async ({ actor }) => ({
    status: 200,
    body: await myAcceptances(ctx, actor),
  }));

  registerRoute(app, ctx, GuidelineReport, async ({ actor, params }) => ({
    status: 200,
    body: await guidelineReport(ctx, { actor, orgId: params.orgId }),
  }));

  registerRoute(app, ctx, RecordConsent, async ({ actor, body }) => ({
    status: 201,
    body: { consent: await recordConsent(ctx, { actor, body }) },
  }));

  registerRoute(app, ctx, WithdrawConsent, async ({ actor, params, body }) => ({
    status: 201,
    body: {
      consent: await withdrawConsent(ctx, {
        actor,
        as: "staff",
        consentId: params.consentId,
        method: body.method,
        ...(body.withdrawnAt !== undefined ? { withdrawnAt: body.withdrawnAt } : {}),
      }),
    },
  }));

  registerRoute(app, ctx, ListConsents, async ({ actor, query }) => ({
    status: 200,
    body: {
      consents: await listConsents(ctx, {
        actor,
        organisationId: query.organisationId,
        ref: query.caseId !== undefined ? { caseId: query.caseId } : { clientId: query.clientId! },
        ...(query.at !== undefined ? { at: query.at } : {}),
      }),
    },
  }));

  registerRoute(app, ctx, ListMyConsents, async ({ actor, query }) => ({
    status: 200,
    body: { consents: await listMyConsents(ctx, { actor, ...query }) },
  }));

  registerRoute(app, ctx, GiveMyConsent, async ({ actor, body }) => ({
    status: 201,
    body: { consent: await giveMyConsent(ctx, { actor, body }) },
  }));

  registerRoute(app, ctx, WithdrawMyConsent, async ({ actor, params }) => ({
    status: 201,
    body: {
      consent: await withdrawConsent(ctx, { actor, as: "client", consentId: params.consentId, method: "online" }),
    },
  }));

  registerRoute(app, ctx, GetMyChannelPreferences, async ({ actor }) => ({
    status: 200,
    body: { preferences: await myChannelPreferences(ctx, actor) },
  }));

  registerRoute(app, ctx, UpdateMyChannelPreferences, async ({ actor, body }) => ({
    status: 200,
    body: { preferences: await updateMyChannelPreferences(ctx, actor, body) },
  }));

  registerRoute(app, ctx, GetClientChannelPreferences, async ({ actor, params }) => ({
    status: 200,
    body: {
      preferences: await clientChannelPreferences(ctx, { actor, orgId: params.orgId, clientId: params.clientId }),
    },
  }));

  registerRoute(app, ctx, CheckForwarding, async ({ actor, body }) => ({
    status: 200,
    body: { decision: await checkForwarding(ctx, { actor, ...body }) },
  }));
}
