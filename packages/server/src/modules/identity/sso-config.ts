// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { SSO_CALLBACK_PATH, type SsoConfigView, type StaffRole } from "@obhut/protocol";
import * as oidc from "openid-client";
import type { AppContext } from "../../core/context";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { recordAudit } from "../../core/audit";
import {
  assertIssuerAllowed,
  checkDestination,
  createSsoFetch,
  destinationRefusal,
  ssoNetworkSettings,
  SsoRequestFailed,
} from "./sso-network";
import {
  findSsoConfig,
  isLinkedAtIssuer,
  isSsoRequired,
  listOrganisationsWithSso,
  putSsoConfigRow,
  removeSsoConfigRow,
  type SsoConfigRow,
} from "./store-sso";

/**
 * Per-organisation OpenID Connect settings. The client secret is sealed
 * with AES-256-GCM under the instance `mfaKey` (secrets.json), bound to the
 * organisation id — the same scheme as the TOTP secrets (ADR 0011): it
 * protects database dumps and backups; the running server must read it.
 */
export interface SsoSettings {
  organisationId: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  groupsClaim: string;
  roleMapping: { group: string; role: StaffRole }[];
  required: boolean;
  updatedAt: number;
}

const SEAL_PURPOSE = "obhut-oidc-client-secret-v1";
/** Discovery documents and keys are cached per node for this long (the IdP rotates keys rarely). */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
/** A slow identity provider must not hold a login request for long. */
const IDP_TIMEOUT_S = 10;

export function sealClientSecret(mfaKey: string, organisationId: string, secret: string): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(mfaKey, "base64url"), nonce);
  cipher.setAAD(Buffer.from(`${SEAL_PURPOSE}:${organisationId}`));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

export function openClientSecret(mfaKey: string, organisationId: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from(mfaKey, "base64url"), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`${SEAL_PURPOSE}:${organisationId}`));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
}

export function redirectUri(ctx: AppContext): string {
  return `${ctx.config.publicUrl}${SSO_CALLBACK_PATH}`;
}

function settingsOf(ctx: AppContext, row: SsoConfigRow): SsoSettings {
  return {
    organisationId: row.organisation_id,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret_enc
      ? openClientSecret(ctx.secrets.mfaKey, row.organisation_id, row.client_secret_enc)
      : null,
    scopes: row.scopes,
    groupsClaim: row.groups_claim,
    roleMapping: JSON.parse(row.role_mapping) as SsoSettings["roleMapping"],
    required: row.required === 1,
    updatedAt: Number(row.updated_at),
  };
}

export async function loadSsoSettings(ctx: AppContext, organisationId: string): Promise<SsoSettings | undefined> {
  const row = await findSsoConfig(ctx.db.db, organisationId);
  return row ? settingsOf(ctx, row) : undefined;
}

function present(ctx: AppContext, s: SsoSettings): SsoConfigView {
  return {
    issuer: s.issuer,
    clientId: s.clientId,
    hasClientSecret: s.clientSecret !== null,
    scopes: s.scopes,
    groupsClaim: s.groupsClaim,
    roleMapping: s.roleMapping,
    required: s.required,
    redirectUri: redirectUri(ctx),
    updatedAt: s.updatedAt,
  };
}

/**
 * Discovery through the guarded fetch (modules/identity/sso-network.ts), which the
 * returned configuration keeps for every later request (keys, token,
 * userinfo). The endpoints the server itself will call are checked against
 * the same rules at once, so a document pointing them somewhere forbidden
 * is refused when the admin saves, not at the first login.
 */
async function discover(
  ctx: AppContext,
  s: Pick<SsoSettings, "issuer" | "clientId" | "clientSecret">,
): Promise<oidc.Configuration> {
  const network = ssoNetworkSettings(ctx.config);
  const issuer = new URL(s.issuer);
  assertIssuerAllowed(network, issuer);
  const auth = s.clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(s.clientSecret);
  const config = await oidc.discovery(issuer, s.clientId, undefined, auth, {
    timeout: IDP_TIMEOUT_S,
    [oidc.customFetch]: createSsoFetch(network),
    // http is possible only where the guarded fetch lets it through (allowed insecure issuers, listed origins).
    ...(issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  const meta = config.serverMetadata();
  for (const endpoint of [meta.token_endpoint, meta.jwks_uri, meta.userinfo_endpoint]) {
    if (endpoint === undefined) continue;
    if (!URL.canParse(endpoint)) throw new SsoRequestFailed("invalid endpoint in discovery document");
    await checkDestination(network, new URL(endpoint));
  }
  return config;
}

/** What may be logged about a failed discovery: names and messages, never an address (our errors carry none). */
function discoveryFailure(err: unknown): Record<string, string> {
  const e = err as Error;
  const ours = e.cause instanceof SsoRequestFailed ? e.cause : undefined;
  return { name: e.name, message: e.message, ...(ours ? { cause: ours.message } : {}) };
}

const discoveryCaches = new WeakMap<AppContext, Map<string, { key: string; at: number; config: oidc.Configuration }>>();

/**
 * The provider's discovered configuration (endpoints, keys), cached per node
 * and invalidated when the settings change. Discovery validates that the
 * document's issuer is exactly the configured one.
 */
export async function oidcConfiguration(ctx: AppContext, s: SsoSettings): Promise<oidc.Configuration> {
  let cache = discoveryCaches.get(ctx);
  if (!cache) discoveryCaches.set(ctx, (cache = new Map()));
  const key = `${s.updatedAt}:${s.issuer}:${s.clientId}`;
  const hit = cache.get(s.organisationId);
  const now = ctx.clock.now();
  if (hit && hit.key === key && now - hit.at < DISCOVERY_TTL_MS) return hit.config;
  try {
    const config = await discover(ctx, s);
    cache.set(s.organisationId, { key, at: now, config });
    return config;
  } catch (err) {
    // A stored issuer the operator's settings no longer allow: the admin must change it; staff just see "unavailable".
    const refused = destinationRefusal(err);
    if (refused) ctx.logger.warn({ reason: refused.reason }, "SSO issuer refused by the server's settings");
    else ctx.logger.warn({ err: discoveryFailure(err) }, "OIDC discovery failed");
    throw new AppError("sso_unavailable", "The organisation's identity provider cannot be reached right now");
  }
}

export async function getSsoConfig(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<SsoConfigView | null> {
  authorize(props.actor, "sso.config.read", { type: "organisation", organisationId: props.orgId });
  const s = await loadSsoSettings(ctx, props.orgId);
  return s ? present(ctx, s) : null;
}

export async function putSsoConfig(
  ctx: AppContext,
  props: {
    actor: Actor;
    orgId: string;
    body: {
      issuer: string;
      clientId: string;
      clientSecret?: string | undefined;
      scopes: string;
      groupsClaim: string;
      roleMapping: { group: string; role: StaffRole }[];
      required: boolean;
    };
  },
): Promise<SsoConfigView> {
  const { actor, orgId, body } = props;
  authorize(actor, "sso.config.update", { type: "organisation", organisationId: orgId });
  const before = await loadSsoSettings(ctx, orgId);
  const issuer = body.issuer.replace(/\/+$/, "");
  const clientSecret = body.clientSecret ?? before?.clientSecret ?? null;
  // Check the settings against the real provider now, not at the first staff login.
  try {
    await discover(ctx, { issuer, clientId: body.clientId, clientSecret });
  } catch (err) {
    const refused = destinationRefusal(err);
    if (refused) {
      ctx.logger.info({ reason: refused.reason }, "SSO issuer refused by the server's settings");
      throw refused;
    }
    ctx.logger.info({ err: discoveryFailure(err) }, "OIDC discovery failed");
    throw new AppError("sso_unavailable", "No OpenID Connect provider answered at this issuer URL (discovery failed)");
  }
  if (body.required) {
    // Lock-out guard: whoever makes SSO mandatory must be able to use it themselves.
    if (!(await isLinkedAtIssuer(ctx.db.db, { organisationId: orgId, issuer, accountId: actor.accountId })))
      throw new AppError("sso_not_linked", "Link your own account to this identity provider before requiring SSO");
  }
  const now = ctx.clock.now();
  const values = {
    issuer,
    client_id: body.clientId,
    client_secret_enc: clientSecret === null ? null : sealClientSecret(ctx.secrets.mfaKey, orgId, clientSecret),
    scopes: body.scopes,
    groups_claim: body.groupsClaim,
    role_mapping: JSON.stringify(body.roleMapping),
    required: body.required ? 1 : 0,
    updated_by: actor.accountId,
    updated_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await putSsoConfigRow(trx, orgId, values);
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "sso.configured",
      target: { type: "organisation", id: orgId },
      data: {
        issuer,
        clientId: body.clientId,
        secretChanged: body.clientSecret !== undefined,
        mappings: body.roleMapping.length,
        required: body.required,
      },
    });
  });
  return present(ctx, (await loadSsoSettings(ctx, orgId))!);
}

export async function deleteSsoConfig(ctx: AppContext, props: { actor: Actor; orgId: string }): Promise<void> {
  authorize(props.actor, "sso.config.update", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const issuer = await removeSsoConfigRow(trx, props.orgId);
    if (issuer === undefined) throw new NotFoundError("Single sign-on is not configured");
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "sso.removed",
      target: { type: "organisation", id: props.orgId },
      data: { issuer },
    });
  });
}

export async function listSsoOrganisations(ctx: AppContext): Promise<{ id: string; name: string }[]> {
  return listOrganisationsWithSso(ctx.db.db);
}

/** Staff of an organisation that requires SSO may not open a session with the password alone. */
export async function assertPasswordOnlyLoginAllowed(
  ctx: AppContext,
  account: { kind: string; organisationId: string | null },
): Promise<void> {
  if (account.kind !== "staff" || account.organisationId === null) return;
  if (await isSsoRequired(ctx.db.db, account.organisationId))
    throw new AppError("sso_required", "Your organisation signs you in through its identity provider (SSO)");
}
