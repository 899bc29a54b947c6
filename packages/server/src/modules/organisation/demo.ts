// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  type AccountKeys,
  type OrgLogEntry,
  type OrgLogPayload,
  createAccountKeys,
  createKeyBundle,
  createOrgLogEntry,
  createTeamKeyGeneration,
  encodeOrgLogEntry,
  finishRegistration,
  generateEncryptionKeyPair,
  generateRecoveryCode,
  generateSigningKeyPair,
  startRegistration,
  teamKeyLogPayload,
  toBase64Url,
  wrapContext,
  wrapKey,
  wrapTeamKeyToMembers,
} from "@obhut/crypto";
import type { KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import { insertKeyWraps } from "./keys";
import { opaqueReady } from "../../infra/config/opaque";
import { waiveSecondFactor } from "./organisation-policy";
import { storeNewOrgLog } from "./org-log";
import { insertAccount } from "./store-accounts";
import { addAgencyTopic, insertAgency, insertTopic } from "./store-agencies";
import {
  anyOrganisation,
  deleteInstanceSetting,
  insertInstanceSettingOnce,
  insertOrganisation,
} from "./store-organisations";
import { insertTeam, insertTeamMember } from "./store-teams";

interface DemoLogin {
  username: string;
  password: string;
  role: string;
  description: string;
}

const DEMO_ACCOUNTS = [
  {
    username: "demo-admin",
    role: "org_admin",
    team: null,
    name: "Frau Adler",
    description: "Organisation administrator",
  },
  {
    username: "demo-leitung",
    role: "counsellor",
    team: "lead",
    name: "Frau Leitner",
    description: "Team lead, Team Familienberatung",
  },
  {
    username: "demo-beraterin",
    role: "counsellor",
    team: "member",
    name: "Frau Berger",
    description: "Counsellor, Team Familienberatung",
  },
  {
    username: "demo-berater",
    role: "counsellor",
    team: "member",
    name: "Herr Roth",
    description: "Counsellor, Team Familienberatung",
  },
] as const;

/** Shown to clients right after their first message (organisational text, not case content). */
const DEMO_GREETING_INFORMAL =
  "Hallo und herzlich willkommen bei der Beratungsstelle Demo-Stadt! Danke für deine Nachricht. " +
  "Eine Beraterin oder ein Berater aus unserem Team antwortet dir meistens innerhalb von zwei Werktagen. " +
  "Wenn es dir gerade sehr schlecht geht: Die Nummer gegen Kummer erreichst du kostenlos unter 116 111.";
const DEMO_GREETING =
  "Guten Tag und herzlich willkommen bei der Beratungsstelle Demo-Stadt. Vielen Dank für Ihre Nachricht. " +
  "Eine Beraterin oder ein Berater aus unserem Team antwortet Ihnen in der Regel innerhalb von zwei Werktagen. " +
  "In akuten Notlagen erreichen Sie die Telefonseelsorge rund um die Uhr unter 0800 111 0 111.";

export function demoLoginsFile(dataDir: string): string {
  return path.join(dataDir, "demo-logins.txt");
}

/** A random passphrase: 20 base64url characters (120 bits). Demo only; never a fixed password. */
function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}

/**
 * Registers an account the way a browser would (OPAQUE client + server in
 * one process). Only the demo does this: real users register in their
 * browser and their password never reaches the server.
 */
async function registerDemoAccount(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ record: string; keyBundle: KeyBundle; keys: AccountKeys }> {
  const server = await opaqueReady();
  const start = await startRegistration(password);
  const { registrationResponse } = server.createRegistrationResponse({
    serverSetup: ctx.secrets.opaqueServerSetup,
    userIdentifier: username,
    registrationRequest: start.request,
  });
  const finished = await finishRegistration({ password, state: start.state, response: registrationResponse });
  const keys = createAccountKeys();
  const keyBundle = (await createKeyBundle({
    keys,
    exportKey: finished.exportKey,
    recoveryCode: generateRecoveryCode(),
  })) as KeyBundle;
  return { record: finished.record, keyBundle, keys };
}

/** Signs the demo log with the root key, the way the admin's browser would at setup and later. */
function buildLog(
  root: ReturnType<typeof generateSigningKeyPair>,
  payloads: OrgLogPayload[],
  now: number,
): Uint8Array[] {
  let previous: OrgLogEntry | null = null;
  return payloads.map((payload) => {
    previous = createOrgLogEntry({ previous, payload, signer: root, timestamp: now });
    return encodeOrgLogEntry(previous);
  });
}

/**
 * Demo organisation: one agency, two topics, one team with a lead and two
 * counsellors, plus an admin. Created once on an empty instance; the logins
 * are kept in demo-logins.txt (mode 0600) and printed on every demo start.
 */
export async function seedDemo(ctx: AppContext, print: (line: string) => void): Promise<void> {
  const file = demoLoginsFile(ctx.config.dataDir);
  if (await anyOrganisation(ctx.db.db)) {
    if (fs.existsSync(file)) {
      print("Demo logins:");
      print(fs.readFileSync(file, "utf8").trimEnd());
    } else print("This instance already has an organisation; no demo data was added.");
    return;
  }
  const now = ctx.clock.now();
  const orgId = newId();
  const agencyId = newId();
  const teamId = newId();
  const logins: DemoLogin[] = [];
  const accounts: {
    id: string;
    username: string;
    role: string;
    team: string | null;
    name: string | null;
    record: string;
    keyBundle: KeyBundle;
    keys: AccountKeys;
  }[] = [];
  for (const spec of DEMO_ACCOUNTS) {
    const password = generatePassword();
    const { record, keyBundle, keys } = await registerDemoAccount(ctx, spec.username, password);
    accounts.push({
      id: newId(),
      username: spec.username,
      role: spec.role,
      team: spec.team,
      name: spec.name,
      record,
      keyBundle,
      keys,
    });
    logins.push({ username: spec.username, password, role: spec.role, description: spec.description });
  }
  const root = generateSigningKeyPair();
  // The demo gets a real, verifiable key directory: genesis, the admin, every
  // staff key certified, the team with its members and team key generation 1.
  const archive = generateEncryptionKeyPair();
  const admin = accounts.find((a) => a.role === "org_admin")!;
  const members = accounts.filter((a) => a.team);
  const teamKey = createTeamKeyGeneration(teamId, 1);
  const staffKeys = (a: (typeof accounts)[number]) => ({
    accountId: a.id,
    signingKey: a.keys.signing.publicKey,
    encryptionKey: a.keys.encryption.publicKey,
  });
  const log = buildLog(
    root,
    [
      { type: "genesis", orgId, rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
      { type: "admin-added", ...staffKeys(admin) },
      ...accounts.map((a): OrgLogPayload => ({ type: "staff-key-certified", ...staffKeys(a) })),
      { type: "team-created", teamId },
      ...members.map((a): OrgLogPayload => ({
        type: "team-member-added",
        teamId,
        signingKey: a.keys.signing.publicKey,
      })),
      teamKeyLogPayload(teamKey),
    ],
    now,
  );
  // The admin holds the team key too, as custodian (ADR 0016): the console can then add and offboard members.
  const keyHolders = [...members, admin];
  const teamWraps = await wrapTeamKeyToMembers(
    teamKey,
    keyHolders.map((a) => ({ signingKey: a.keys.signing.publicKey, encryptionKey: a.keys.encryption.publicKey })),
  );
  const wraps = [
    {
      kind: "org-root" as const,
      refId: orgId,
      generation: 1,
      recipientAccountId: admin.id,
      blob: toBase64Url(
        await wrapKey(admin.keys.encryption.publicKey, root.secretKey, wrapContext("org-root-key", [orgId])),
      ),
    },
    {
      kind: "archive" as const,
      refId: orgId,
      generation: 1,
      recipientAccountId: admin.id,
      blob: toBase64Url(
        await wrapKey(admin.keys.encryption.publicKey, archive.secretKey, wrapContext("archive-key", [orgId, 1])),
      ),
    },
    ...teamWraps.map((w, i) => ({
      kind: "team" as const,
      refId: teamId,
      generation: 1,
      recipientAccountId: keyHolders[i]!.id,
      blob: toBase64Url(w.wrapped),
    })),
  ];
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertOrganisation(trx, {
      id: orgId,
      name: "Demo-Beratung e.V.",
      root_public_key: toBase64Url(root.publicKey),
      created_at: now,
    });
    await insertAgency(trx, {
      id: agencyId,
      organisation_id: orgId,
      name: "Beratungsstelle Demo-Stadt",
      address: "Musterstraße 1, 12345 Demo-Stadt",
      postcodes: JSON.stringify(["12", "13"]),
      languages: JSON.stringify(["de", "en"]),
      opening_hours: "Mo–Fr 9–17 Uhr",
      online_anywhere: 1,
      greeting: DEMO_GREETING,
      greeting_informal: DEMO_GREETING_INFORMAL,
      created_at: now,
    });
    const topics = [
      { slug: "familie", name: "Familie und Erziehung", address_form: "formal" as const },
      { slug: "jugend", name: "Jugendberatung", address_form: "informal" as const },
    ];
    for (const t of topics) {
      const topicId = newId();
      await insertTopic(trx, { id: topicId, organisation_id: orgId, ...t, created_at: now });
      await addAgencyTopic(trx, agencyId, topicId);
    }
    await insertTeam(trx, {
      id: teamId,
      organisation_id: orgId,
      agency_id: agencyId,
      name: "Team Familienberatung",
      is_intake: 1,
      created_at: now,
    });
    for (const a of accounts) {
      await insertAccount(trx, {
        id: a.id,
        organisation_id: orgId,
        username: a.username,
        kind: "staff",
        role: a.role,
        opaque_record: a.record,
        key_bundle: JSON.stringify(a.keyBundle),
        created_at: now,
        disabled_at: null,
        display_name: a.name,
      });
      if (a.team) {
        await insertTeamMember(trx, {
          teamId,
          accountId: a.id,
          role: a.team === "lead" ? "lead" : "member",
          addedAt: now,
        });
      }
    }
    await storeNewOrgLog(trx, { orgId, rootPublicKey: toBase64Url(root.publicKey), entries: log, now });
    await insertKeyWraps(trx, { orgId, createdBy: admin.id, now, wraps });
    // The demo logins are printed in plain text and must work without an authenticator app; real organisations keep the default.
    await waiveSecondFactor(trx, orgId, now);
    await insertInstanceSettingOnce(trx, "setup_completed_at", String(now), now);
    await deleteInstanceSetting(trx, "setup_token_hash");
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: null,
      action: "demo.created",
      target: { type: "organisation", id: orgId },
    });
  });
  const text = [
    "Organisation: Demo-Beratung e.V. (agency: Beratungsstelle Demo-Stadt; topics: Familie und Erziehung, Jugendberatung)",
    ...logins.map((l) => `  ${l.username.padEnd(16)} ${l.password}   ${l.description}`),
    "Clients sign up themselves with a pseudonym on the start page.",
  ].join("\n");
  fs.writeFileSync(file, text + "\n", { mode: 0o600 });
  print("Demo organisation created. Logins (also in demo-logins.txt in the data folder):");
  print(text);
}
