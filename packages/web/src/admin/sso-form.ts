// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, PutSsoConfig, SsoConfigView } from "@obhut/protocol";

const DEFAULT_SCOPES = "openid profile groups";

export type SsoRoleMapping = SsoConfigView["roleMapping"][number];
/** A mapping row with a key of its own, so React keeps each row's inputs while rows are added and removed. */
export type Mapping = SsoRoleMapping & { key: number };

export interface SsoForm {
  issuer: string;
  clientId: string;
  /** Empty: keep the stored secret (it is never sent to the browser). */
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  mappings: Mapping[];
  required: boolean;
}

let nextKey = 0;
export const withKeys = (list: SsoRoleMapping[]): Mapping[] => list.map((m) => ({ ...m, key: nextKey++ }));

/** The form as the stored settings fill it (or empty with the default scopes). */
export function formOf(config: SsoConfigView | null): SsoForm {
  return {
    issuer: config?.issuer ?? "",
    clientId: config?.clientId ?? "",
    clientSecret: "",
    scopes: config?.scopes ?? DEFAULT_SCOPES,
    groupsClaim: config?.groupsClaim ?? "groups",
    mappings: withKeys(config?.roleMapping ?? []),
    required: config?.required ?? false,
  };
}

/** What the form sends: trimmed, scopes single-spaced, empty mapping rows left out, no secret when none was typed. */
export function ssoBody(form: SsoForm): BodyOf<typeof PutSsoConfig> {
  const secret = form.clientSecret.trim();
  return {
    issuer: form.issuer.trim(),
    clientId: form.clientId.trim(),
    ...(secret ? { clientSecret: secret } : {}),
    scopes: form.scopes.trim().split(/\s+/).join(" "),
    groupsClaim: form.groupsClaim.trim(),
    roleMapping: form.mappings
      .filter((m) => m.group.trim() !== "")
      .map((m) => ({ group: m.group.trim(), role: m.role })),
    required: form.required,
  };
}
