// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";

/**
 * One organisation log entry in its wire encoding (docs/CRYPTO.md §6),
 * base64url. The server checks and stores it; every client verifies the
 * whole chain again and trusts nothing the server says about it.
 */
export const OrgLogEntryB64 = B64.min(200).max(2048);

export const OrgLogEntryView = z
  .object({
    seq: z.number().int().min(0),
    /** SHA-256 of the entry (base64url); the next entry's prevHash. */
    hash: B64.length(43),
    entry: OrgLogEntryB64,
  })
  .strict()
  .meta({ id: "OrgLogEntry" });
export type OrgLogEntryView = z.infer<typeof OrgLogEntryView>;

export const OrgParams = z.object({ orgId: Id }).strict();

/** Entries per page of GET …/log; clients page with `after` until `hasMore` is false. */
export const ORG_LOG_PAGE_SIZE = 500;

export const GetOrgLog = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/log",
  summary: "Entries of the organisation log after `after` (all from genesis without it), in order",
  tag: "keys",
  auth: "session",
  rate: "api",
  params: OrgParams,
  query: z.object({ after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
  responses: { 200: z.object({ entries: z.array(OrgLogEntryView), hasMore: z.boolean() }).strict() },
});

/**
 * The organisation's identity for people who are not logged in (the agency
 * page, client sign-up): the root signing key of the log's genesis entry.
 * The browser computes the fingerprint itself, to be compared with the one
 * the organisation publishes, and pins the key; every later log must start
 * with it. Never changes, also not after `root-key-rotated`.
 */
export const GetOrgRootKey = defineRoute({
  method: "GET",
  path: "/api/finder/organisations/:orgId/root-key",
  summary: "The organisation's genesis root signing key (public, no login): its fingerprint is what clients compare",
  tag: "keys",
  auth: "none",
  rate: "public",
  params: OrgParams,
  responses: { 200: z.object({ rootSigningKey: B64.length(43) }).strict() },
});

export const AppendOrgLogEntry = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/log",
  summary: "Append one signed entry (organisation admins); refused unless it extends the verified head",
  tag: "keys",
  auth: "session",
  rate: "api",
  params: OrgParams,
  body: z.object({ entry: OrgLogEntryB64 }).strict(),
  responses: { 201: z.object({ seq: z.number().int().min(0), hash: B64.length(43) }).strict() },
});
