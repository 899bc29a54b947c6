// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { singleLineText } from "../text";
import { OrganisationIdParams } from "./admin";

/**
 * Where "Schnell verlassen" (quick exit) leads (issue #15, item 9). An
 * organisation picks a page that looks harmless to whoever glances at the
 * screen of the people it counsels; without a choice the deployment's
 * default applies. The address is only ever a navigation target after the
 * person pressed quick exit: the web app never fetches it (ADR 0004).
 */
export const CLIENT_SAFETY_LIMITS = { urlChars: 500 } as const;

/** True for http(s) addresses on this machine (development, tests). */
function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
}

/** An absolute https: address without credentials (http: only for localhost). */
export const QuickExitTarget = singleLineText({ min: 1, max: CLIENT_SAFETY_LIMITS.urlChars, trim: true }).refine(
  (value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    if (url.username !== "" || url.password !== "") return false;
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
  },
  "must be an https:// address",
);

export const ClientSafetyView = z
  .object({
    /** The organisation's quick-exit target; null: the deployment's default. */
    quickExitUrl: z.string().nullable(),
    updatedAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "ClientSafety" });
export type ClientSafetyView = z.infer<typeof ClientSafetyView>;

export const GetClientSafety = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/client-safety",
  summary: "The organisation's quick-exit target for its clients (admins, DPO)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ settings: ClientSafetyView }).strict() },
});

export const UpdateClientSafety = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/client-safety",
  summary: "Set or clear the quick-exit target (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z.object({ quickExitUrl: QuickExitTarget.nullable() }).strict(),
  responses: { 200: z.object({ settings: ClientSafetyView }).strict() },
});

export const GetPublicClientSafety = defineRoute({
  method: "GET",
  path: "/api/finder/organisations/:orgId/client-safety",
  summary: "Where quick exit leads on this organisation's client pages (no login; null: the default)",
  tag: "counselling",
  auth: "none",
  rate: "public",
  params: z.object({ orgId: Id }).strict(),
  responses: { 200: z.object({ quickExitUrl: z.string().nullable() }).strict() },
});
