// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import webpush from "web-push";
import { z } from "zod";
import { secretsFile } from "../data-dir";
import { createOpaqueServerSetup } from "./opaque";

/**
 * Instance secrets live in `<dataDir>/secrets.json` (mode 0600), generated on
 * first start. In scale-out mode every node must use the same file; the
 * server stores a fingerprint in the database and refuses to start on a
 * mismatch rather than silently failing every login.
 */
const SecretsSchema = z.object({
  version: z.literal(1),
  /** OPAQUE server setup (server key pair + OPRF seed). */
  opaqueServerSetup: z.string().min(32),
  metricsToken: z.string().min(16),
  /** Key for HMAC-ing client addresses before they are used as rate-limit keys. */
  rateLimitKey: z.string().min(32),
  /** Ed25519 key (JWK d/x) that signs audit-chain anchors; added on upgrade if missing. */
  auditAnchorKey: z.object({ d: z.string().min(40), x: z.string().min(40) }).optional(),
  /** 32-byte AES-256-GCM key (base64url) that encrypts TOTP secrets at rest; added on upgrade if missing. */
  mfaKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** 32-byte AES-256-GCM key (base64url) that encrypts e-mail notice addresses at rest; added on upgrade if missing. */
  notifyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** VAPID key pair (RFC 8292, P-256, base64url) that signs Web Push requests; added on upgrade if missing. */
  vapid: z
    .object({ publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/), privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
    .optional(),
});
export type Secrets = z.infer<typeof SecretsSchema> & {
  auditAnchorKey: { d: string; x: string };
  mfaKey: string;
  notifyKey: string;
  vapid: { publicKey: string; privateKey: string };
};

export { secretsFile };

export async function loadOrCreateSecrets(dataDir: string): Promise<{ secrets: Secrets; created: boolean }> {
  const file = secretsFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(file)) {
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) {
      // Tighten silently: a readable secrets file is a real risk, and the fix is obvious.
      fs.chmodSync(file, 0o600);
    }
    const parsed = SecretsSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is damaged: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    if (parsed.data.auditAnchorKey && parsed.data.mfaKey && parsed.data.notifyKey && parsed.data.vapid)
      return { secrets: parsed.data as Secrets, created: false };
    // Upgrade an older secrets file in place; nothing existing changes.
    const upgraded: Secrets = {
      ...parsed.data,
      auditAnchorKey: parsed.data.auditAnchorKey ?? generateAnchorKey(),
      mfaKey: parsed.data.mfaKey ?? generateMfaKey(),
      notifyKey: parsed.data.notifyKey ?? generateMfaKey(),
      vapid: parsed.data.vapid ?? generateVapidKeys(),
    };
    writeSecrets(file, upgraded);
    return { secrets: upgraded, created: false };
  }
  const secrets: Secrets = {
    version: 1,
    opaqueServerSetup: await createOpaqueServerSetup(),
    metricsToken: crypto.randomBytes(24).toString("base64url"),
    rateLimitKey: crypto.randomBytes(32).toString("base64url"),
    auditAnchorKey: generateAnchorKey(),
    mfaKey: generateMfaKey(),
    notifyKey: generateMfaKey(),
    vapid: generateVapidKeys(),
  };
  writeSecrets(file, secrets);
  return { secrets, created: true };
}

function generateMfaKey(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** The server's Web Push identity (VAPID): push services tie a subscription to this public key. */
function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

function writeSecrets(file: string, secrets: Secrets): void {
  // Write to a temp file with 0600 first, then rename: never a moment where
  // the secrets are readable by others or half written.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Adopts the OPAQUE server setup of another instance (organisation import
 * into a fresh instance, ADR 0015): the imported OPAQUE records only work
 * with the setup they were registered under. Every other secret stays.
 */
export function replaceOpaqueServerSetup(dataDir: string, secrets: Secrets, opaqueServerSetup: string): Secrets {
  const next: Secrets = { ...secrets, opaqueServerSetup };
  writeSecrets(secretsFile(dataDir), next);
  return next;
}

/** Fingerprint of the secrets that must be identical on all nodes. */
export function secretsFingerprint(secrets: Secrets): string {
  return crypto.createHash("sha256").update(secrets.opaqueServerSetup).digest("base64url").slice(0, 22);
}

/** The Ed25519 key that signs the audit chain's anchors (core/audit-chain.ts). */
export function generateAnchorKey(): { d: string; x: string } {
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" }) as { d: string; x: string };
  return { d: jwk.d, x: jwk.x };
}
