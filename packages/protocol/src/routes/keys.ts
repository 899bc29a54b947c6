// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { OrgParams } from "./org-log";

/**
 * What a wrapped key unlocks. `ref` is the organisation id for org-root and
 * archive, the team id for team and team-previous. `team-previous` is
 * generation g wrapped to generation g+1's public key: it has no recipient
 * account, any holder of g+1 can open it. Conversation epoch wraps belong to
 * the messaging API, not here.
 */
export const KeyWrapKind = z.enum(["org-root", "archive", "team", "team-previous"]);
export type KeyWrapKind = z.infer<typeof KeyWrapKind>;

/** An HPKE key wrap (docs/CRYPTO.md §5): 83 bytes = 111 base64url characters. */
export const KeyWrapBlob = B64.length(111);

export const Generation = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);

export const KeyWrapView = z
  .object({
    id: Id,
    organisationId: Id,
    kind: KeyWrapKind,
    refId: Id,
    generation: Generation,
    recipientAccountId: Id.nullable(),
    blob: KeyWrapBlob,
    createdBy: Id,
    createdAt: z.number().int(),
  })
  .strict()
  .meta({ id: "KeyWrap" });
export type KeyWrapView = z.infer<typeof KeyWrapView>;

export const NewKeyWrap = z
  .object({
    kind: KeyWrapKind,
    refId: Id,
    generation: Generation,
    /** null only for team-previous. */
    recipientAccountId: Id.nullable(),
    blob: KeyWrapBlob,
  })
  .strict();
export type NewKeyWrap = z.infer<typeof NewKeyWrap>;

export const ListKeyWraps = defineRoute({
  method: "GET",
  path: "/api/keys/wraps",
  summary: "Wrapped keys for the caller (and history wraps of teams the caller holds a key of)",
  tag: "keys",
  auth: "session",
  rate: "api",
  query: z.object({ kind: KeyWrapKind.optional(), refId: Id.optional() }).strict(),
  responses: { 200: z.object({ wraps: z.array(KeyWrapView) }).strict() },
});

export const UploadKeyWraps = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/key-wraps",
  summary: "Store wrapped keys for accounts of the organisation (admins; team members for their team)",
  tag: "keys",
  auth: "session",
  rate: "api",
  params: OrgParams,
  body: z.object({ wraps: z.array(NewKeyWrap).min(1).max(500) }).strict(),
  responses: { 201: z.object({ ids: z.array(Id) }).strict() },
});

export const AccountPublicKeys = z
  .object({
    accountId: Id,
    signingPublicKey: B64.length(43),
    encryptionPublicKey: B64.length(43),
  })
  .strict()
  .meta({ id: "AccountPublicKeys" });

export const GetAccountPublicKeys = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/accounts/:accountId/public-keys",
  summary: "Public keys from an account's key bundle (members of the same organisation); verify them in the log",
  tag: "keys",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, accountId: Id }).strict(),
  responses: { 200: AccountPublicKeys },
});
