// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { singleLineText } from "../text";
import { StaffDisplayName } from "./account";
import { AccountView, KeyBundle, OpaqueMessage, Username } from "./auth";
import { KeyWrapBlob } from "./keys";
import { OrgLogEntryB64 } from "./org-log";

/** The one-time token printed by the first start; it travels in the URL fragment, never in a request line. */
export const SetupToken = z
  .string()
  .min(20)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a setup token");

export const OrganisationName = singleLineText({ min: 2, max: 120, trim: true });

export const SetupVerify = defineRoute({
  method: "POST",
  path: "/api/setup/verify",
  summary: "Check a one-time setup token before showing the setup form",
  tag: "setup",
  auth: "none",
  rate: "setup",
  body: z.object({ token: SetupToken }).strict(),
  responses: { 200: z.object({ valid: z.literal(true) }).strict() },
});

export const SetupRegisterStart = defineRoute({
  method: "POST",
  path: "/api/setup/register/start",
  summary: "OPAQUE registration of the first administrator, step 1",
  tag: "setup",
  auth: "none",
  rate: "setup",
  body: z.object({ token: SetupToken, username: Username, registrationRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ registrationResponse: OpaqueMessage }).strict() },
});

export const SetupFinish = defineRoute({
  method: "POST",
  path: "/api/setup/finish",
  summary: "Create the first organisation and its first administrator; consumes the token",
  tag: "setup",
  auth: "none",
  rate: "setup",
  body: z
    .object({
      token: SetupToken,
      organisationName: OrganisationName,
      username: Username,
      /** What clients and colleagues see; the login name never reaches a client. */
      displayName: StaffDisplayName,
      registrationRecord: OpaqueMessage,
      keyBundle: KeyBundle,
      /** Organisation root signing key (Ed25519 public key); its fingerprint is what users pin. */
      organisationRootPublicKey: B64.min(40).max(64),
      /**
       * Ids chosen by the browser (random, 128 bits) because the signed
       * genesis and admin entries must name them before the server stores anything.
       */
      organisationId: Id,
      accountId: Id,
      /** Genesis, admin-added for this administrator and optionally staff-key-certified for the same keys. */
      orgLog: z.array(OrgLogEntryB64).min(2).max(3),
      /** Org root signing key wrapped to the administrator: context wrapContext("org-root-key", [organisationId]). */
      orgRootWrap: KeyWrapBlob,
      /** Archive key (generation 1) wrapped to the administrator: wrapContext("archive-key", [organisationId, 1]). */
      archiveWrap: KeyWrapBlob,
    })
    .strict(),
  responses: {
    201: z.object({ organisationId: Id, account: AccountView }).strict(),
  },
});
