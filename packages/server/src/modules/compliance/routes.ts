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
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { clientChannelPreferences, myChannelPreferences, updateMyChannelPreferences } from "./channel-preferences";
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
import { registerProcessorRoutes } from "./routes-processors";

/** Documents, acceptances, consents, channel preferences and the forwarding gate (issue 7.1–7.2). */
export function registerComplianceRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetPublishedDocuments, async ({ params }) => ({
    status: 200,
    body: { documents: await publishedDocuments(ctx, params.orgId) },
  }));

  routes.add(ListOrgDocuments, async ({ actor, params }) => ({
    status: 200,
    body: { documents: await listDocuments(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(CreateOrgDocument, async ({ actor, params, body }) => ({
    status: 201,
    body: { document: await createDraft(ctx, { actor, orgId: params.orgId, ...body }) },
  }));

  routes.add(UpdateOrgDocument, async ({ actor, params, body }) => ({
    status: 200,
    body: {
      document: await updateDraft(ctx, { actor, orgId: params.orgId, documentId: params.documentId, text: body.text }),
    },
  }));

  routes.add(ApproveOrgDocument, async ({ actor, params, body }) => ({
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

  routes.add(PublishOrgDocument, async ({ actor, params }) => ({
    status: 200,
    body: { document: await publishDocument(ctx, { actor, orgId: params.orgId, documentId: params.documentId }) },
  }));

  routes.add(AcceptDocument, async ({ actor, params, body }) => ({
    status: 201,
    body: { acceptance: await acceptDocument(ctx, { actor, documentId: params.documentId, sha256: body.sha256 }) },
  }));

  routes.add(ConfirmDocument, async ({ actor, params, body }) => ({
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

  routes.add(ListMyAcceptances, async ({ actor }) => ({
    status: 200,
    body: await myAcceptances(ctx, actor),
  }));

  routes.add(GuidelineReport, async ({ actor, params }) => ({
    status: 200,
    body: await guidelineReport(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(RecordConsent, async ({ actor, body }) => ({
    status: 201,
    body: { consent: await recordConsent(ctx, { actor, body }) },
  }));

  routes.add(WithdrawConsent, async ({ actor, params, body }) => ({
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

  routes.add(ListConsents, async ({ actor, query }) => ({
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

  routes.add(ListMyConsents, async ({ actor, query }) => ({
    status: 200,
    body: { consents: await listMyConsents(ctx, { actor, ...query }) },
  }));

  routes.add(GiveMyConsent, async ({ actor, body }) => ({
    status: 201,
    body: { consent: await giveMyConsent(ctx, { actor, body }) },
  }));

  routes.add(WithdrawMyConsent, async ({ actor, params }) => ({
    status: 201,
    body: {
      consent: await withdrawConsent(ctx, { actor, as: "client", consentId: params.consentId, method: "online" }),
    },
  }));

  routes.add(GetMyChannelPreferences, async ({ actor }) => ({
    status: 200,
    body: { preferences: await myChannelPreferences(ctx, actor) },
  }));

  routes.add(UpdateMyChannelPreferences, async ({ actor, body }) => ({
    status: 200,
    body: { preferences: await updateMyChannelPreferences(ctx, actor, body) },
  }));

  routes.add(GetClientChannelPreferences, async ({ actor, params }) => ({
    status: 200,
    body: {
      preferences: await clientChannelPreferences(ctx, { actor, orgId: params.orgId, clientId: params.clientId }),
    },
  }));

  routes.add(CheckForwarding, async ({ actor, body }) => ({
    status: 200,
    body: { decision: await checkForwarding(ctx, { actor, ...body }) },
  }));

  registerProcessorRoutes(routes, ctx);
}
