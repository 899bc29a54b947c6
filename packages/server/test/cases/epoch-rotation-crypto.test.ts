// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  CryptoError,
  type EpochRecord,
  type TeamKeyGeneration,
  createAccountKeys,
  decodeEpochRecord,
  fromBase64Url,
  openMessage,
  readMessageHeader,
  sealMessage,
  toBase64Url,
  unwrapEpochKey,
  unwrapTeamKey,
} from "@obhut/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../../../web/src/api/client";
import { OrgLogWriter } from "../../../web/src/admin/org-log-writer";
import {
  addTeamMember,
  appendOrgLog,
  deactivateAccount,
  listAccounts,
  publicKeys,
  readOrgLog,
  removeTeamMember,
  teamMembers,
  uploadKeyWraps,
} from "../../../web/src/admin/endpoints";
import { getOwedRotations, renewOwedEpochs, type RenewProgress } from "../../../web/src/admin/owed-epochs";
import { type TeamOpsDeps, joinTeam, leaveTeam, offboard } from "../../../web/src/admin/team-ops";
import {
  acceptCase,
  caseClientKeys,
  caseTeamWraps,
  handOverCase,
  keyWraps,
} from "../../../web/src/counsellor/endpoints";
import { decodeBody, encodeBody, textBody } from "../../../web/src/messaging/body";
import { ConversationStore } from "../../../web/src/messaging/conversation";
import { listEpochs, openCase } from "../../../web/src/messaging/endpoints";
import { clientCaseRotator } from "../../../web/src/messaging/epoch-rotation";
import { ConversationKeyring, EpochRegistry, participantKeySource } from "../../../web/src/messaging/epochs";
import { FakeSocket } from "../../../web/src/messaging/fake-socket.test-util";
import { createInitialEpoch } from "../../../web/src/messaging/initial-epoch";
import { OrgLogCache } from "../../../web/src/messaging/org-log";
import { RealtimeClient } from "../../../web/src/messaging/realtime";
import { handoverEpochs, staffCaseRotator } from "../../../web/src/messaging/staff-rotation";
import { type CaseKeyContext, StaffKeyring } from "../../../web/src/messaging/team-keys";
import { clientCaseTrust } from "../../../web/src/messaging/trust";
import { rid, seedAccount, seedSession } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { cookieApi } from "../messaging/chat-support";
import { startTestServer, type TestServer } from "../helpers/server";
import { type PreparedSetup, type TestAccount, createStaff, createTeamRows, setupOrganisation } from "../keys/support";
import { seedAgency } from "./support";

/**
 * Epoch rotation with the real crypto and the browser's own code (issue #14, item 2; ADR 0029), in Node
 * against a real server on SQLite and PostgreSQL. The administrator's team operations, the counsellor's
 * keyring, rotator and conversation store and the client's are the web app's modules, talking HTTP.
 *
 * Two counsellors of the case's team keep everything they could get before they go — their account keys,
 * the team key they unwrapped, the case's epoch keys — as a departing member could. Ben is removed from the
 * team, Carl is offboarded. Each time, the next browser that writes makes the new epoch; the messages written
 * afterwards, taken straight from the database (as a leaked copy would give them), do not open with anything
 * the former member kept, while the remaining counsellor and the client read them. Then Anna hands the case
 * to another team; her browser brings that team's first epoch, and what she kept opens nothing after it. Last,
 * Dora leaves that team, and an administrator who leads it renews the owed epoch from the console (ADR 0042).
 */
describe.each(DIALECTS)("epoch rotation with real keys (%s)", (dialect) => {
  let server: TestServer;
  let org: PreparedSetup;
  let teamId = "";
  let anna: TestAccount;
  let ben: TestAccount;
  let carl: TestAccount;
  /** Of the team the case is handed to (the last tests). */
  let dora: TestAccount;
  let admin: { api: ApiClient; ops: TeamOpsDeps };
  const client = { id: "", api: null as unknown as ApiClient, keys: null as unknown as AccountKeys };
  let ctx: CaseKeyContext;

  /** The web app's typed client, over HTTP with a session cookie (what the browser's cookie jar does). */
  const apiWith = (cookie: string): ApiClient => cookieApi(server, cookie);

  /** A counsellor's keyring as packages/web/src/counsellor/staff-keys.ts builds it. */
  const keyringFor = (api: ApiClient, accountId: string, keys: AccountKeys) => {
    const logs = new OrgLogCache(api);
    return new StaffKeyring(
      { accountId, keys },
      {
        orgState: () => logs.load(org.orgId),
        keyWraps: async () => (await api.request(keyWraps, { query: {} })).wraps,
        caseTeamWraps: async (caseId) => (await api.request(caseTeamWraps, { params: { caseId } })).wraps,
        epochs: (conversationId) => api.request(listEpochs, { params: { id: conversationId } }),
        clientSigningKey: () => Promise.resolve(null),
        caseClientKeys: async (caseId) => {
          const found = await api.request(caseClientKeys, { params: { caseId } });
          return {
            signingKey: fromBase64Url(found.signingPublicKey),
            encryptionKey: fromBase64Url(found.encryptionPublicKey),
          };
        },
      },
    );
  };

  /** The admin console's team operations (packages/web/src/admin/admin-context.ts), for the set-up admin. */
  const adminOps = (api: ApiClient): TeamOpsDeps => {
    const orgId = org.orgId;
    const ring = keyringFor(api, org.admin.id, org.admin.keys);
    const isCode = (code: string) => (error: unknown) => error instanceof ApiError && error.code === code;
    return {
      log: new OrgLogWriter(
        {
          page: (after) => api.request(readOrgLog, { params: { orgId }, query: after === undefined ? {} : { after } }),
          append: async (entry) => {
            await api.request(appendOrgLog, { params: { orgId }, body: { entry } });
          },
          isConflict: isCode("org_log_conflict"),
        },
        orgId,
        org.admin.keys.signing,
      ),
      teamKey: (team, generation) => ring.teamKey(team, generation),
      refresh: () => ring.refresh(),
      publicKeys: (accountId) => api.request(publicKeys, { params: { orgId, accountId } }),
      activeAdmins: async () => {
        const { accounts } = await api.request(listAccounts, { params: { orgId } });
        return new Set(accounts.filter((a) => a.role === "org_admin" && a.disabledAt === null).map((a) => a.id));
      },
      serverMembers: async (team) => {
        const { members } = await api.request(teamMembers, { params: { orgId, teamId: team } });
        return new Set(members.map((m) => m.accountId));
      },
      uploadWraps: async (wraps) => {
        await api.request(uploadKeyWraps, { params: { orgId }, body: { wraps } });
      },
      isConflict: isCode("conflict"),
    };
  };

  /** A conversation store as the web app opens one; the socket never opens, so everything goes over HTTP. */
  const storeFor = (props: {
    api: ApiClient;
    accountId: string;
    keys: AccountKeys;
    conversationId: string;
    trust: ConstructorParameters<typeof ConversationStore>[0]["trust"];
    keySource: ConstructorParameters<typeof ConversationKeyring>[0]["keySource"];
    rotator: ConstructorParameters<typeof ConversationStore>[0]["rotator"];
  }) =>
    new ConversationStore({
      api: props.api,
      conversationId: props.conversationId,
      keyring: new ConversationKeyring({
        api: props.api,
        conversationId: props.conversationId,
        registry: new EpochRegistry(),
        keySource: props.keySource,
        trust: props.trust,
      }),
      trust: props.trust,
      self: { accountId: props.accountId, signing: props.keys.signing },
      realtime: new RealtimeClient({ url: "ws://unused", createSocket: () => new FakeSocket() }),
      ...(props.rotator ? { rotator: props.rotator } : {}),
    });

  /** Anna opens the case in a fresh browser: her keyring, trust, key source and rotator. */
  const annasStore = async () => {
    const api = apiWith((await seedSession(server.ctx.db.db, anna.id)).cookie);
    const ring = keyringFor(api, anna.id, anna.keys);
    const store = storeFor({
      api,
      accountId: anna.id,
      keys: anna.keys,
      conversationId: ctx.conversationId,
      trust: await ring.caseTrust(ctx, ctx.conversationId),
      keySource: ring.caseKeySource(ctx),
      rotator: staffCaseRotator(ring, ctx, ctx.conversationId, api),
    });
    await store.start();
    return store;
  };

  /** The client opens their case (the verified log, their own wraps, their own rotator). */
  const clientsStore = async () => {
    const orgLog = await new OrgLogCache(client.api).load(org.orgId);
    const store = storeFor({
      api: client.api,
      accountId: client.id,
      keys: client.keys,
      conversationId: ctx.conversationId,
      trust: clientCaseTrust({ orgLog, self: { accountId: client.id, signingKey: client.keys.signing.publicKey } }),
      keySource: participantKeySource(client.keys.encryption.secretKey),
      rotator: clientCaseRotator({
        api: client.api,
        orgLogs: new OrgLogCache(client.api),
        organisationId: org.orgId,
        conversationId: ctx.conversationId,
        teamId: () => teamId,
        self: { accountId: client.id, keys: client.keys },
      }),
    });
    await store.start();
    return store;
  };

  const texts = (store: ConversationStore) => store.getSnapshot().messages.map((m) => m.body?.text ?? "<unreadable>");

  /** Everything a counsellor could take along: account keys, the team key and every epoch key of the case. */
  interface Kept {
    keys: AccountKeys;
    teamKeys: TeamKeyGeneration[];
    epochKeys: Map<number, Uint8Array>;
  }
  const keepKeys = async (who: TestAccount): Promise<Kept> => {
    const api = apiWith((await seedSession(server.ctx.db.db, who.id)).cookie);
    const ring = keyringFor(api, who.id, who.keys);
    const state = await ring.orgState();
    const generations = state.teams.get(teamId)!.generations.map((g) => g.generation);
    const teamKeys = await Promise.all(generations.map((g) => ring.teamKey(teamId, g)));
    // A team member opens every epoch key of the team's cases with the team key (a colleague's case after
    // break glass; here straight from the stored team wraps).
    const epochKeys = new Map<number, Uint8Array>();
    const db = server.ctx.db.db;
    for (const r of await db
      .selectFrom("conversation_epochs")
      .select(["epoch", "record"])
      .where("conversation_id", "=", ctx.conversationId)
      .execute()) {
      const record = decodeEpochRecord(new Uint8Array(r.record));
      // This team's wrap: after a handover an old epoch holds one per team (the history re-wrapped), in no order.
      const wrap = await db
        .selectFrom("epoch_team_wraps")
        .select(["generation", "wrap"])
        .where("conversation_id", "=", ctx.conversationId)
        .where("epoch", "=", Number(r.epoch))
        .where("role", "=", "team")
        .where("ref_id", "=", teamId)
        .executeTakeFirst();
      if (!wrap) continue;
      const team = teamKeys.find((k) => k.generation === Number(wrap.generation))!;
      epochKeys.set(
        record.epoch,
        await unwrapEpochKey({
          record,
          role: "team",
          wrapped: new Uint8Array(wrap.wrap),
          recipientSecretKey: team.secretKey,
        }),
      );
    }
    return { keys: who.keys, teamKeys, epochKeys };
  };

  /**
   * Everything the database holds about the case conversation after the fact — records, every wrap of every
   * epoch, every envelope — tried with what a former member kept. Returns the texts that opened.
   */
  const openWithKept = async (kept: Kept, fromSeq: number): Promise<string[]> => {
    const db = server.ctx.db.db;
    const records = new Map<number, EpochRecord>();
    for (const r of await db
      .selectFrom("conversation_epochs")
      .select(["epoch", "record"])
      .where("conversation_id", "=", ctx.conversationId)
      .execute())
      records.set(Number(r.epoch), decodeEpochRecord(new Uint8Array(r.record)));
    const keyOf = async (epoch: number): Promise<Uint8Array | null> => {
      if (kept.epochKeys.has(epoch)) return kept.epochKeys.get(epoch)!;
      const record = records.get(epoch)!;
      const group = await db
        .selectFrom("epoch_team_wraps")
        .select(["role", "wrap"])
        .where("conversation_id", "=", ctx.conversationId)
        .where("epoch", "=", epoch)
        .execute();
      const own = await db
        .selectFrom("epoch_key_wraps")
        .select("wrap")
        .where("conversation_id", "=", ctx.conversationId)
        .where("epoch", "=", epoch)
        .execute();
      const attempts = [
        ...group.flatMap((w) =>
          [kept.keys.encryption.secretKey, ...kept.teamKeys.map((k) => k.secretKey)].map((secret) => ({
            role: w.role as "team" | "archive",
            wrapped: new Uint8Array(w.wrap),
            secret,
          })),
        ),
        ...own.flatMap((w) =>
          [kept.keys.encryption.secretKey, ...kept.teamKeys.map((k) => k.secretKey)].map((secret) => ({
            role: "participant" as const,
            wrapped: new Uint8Array(w.wrap),
            secret,
          })),
        ),
      ];
      for (const a of attempts) {
        try {
          return await unwrapEpochKey({ record, role: a.role, wrapped: a.wrapped, recipientSecretKey: a.secret });
        } catch (error) {
          expect(error).toBeInstanceOf(CryptoError);
        }
      }
      return null;
    };
    const opened: string[] = [];
    const messages = await db
      .selectFrom("messages")
      .select(["seq", "envelope"])
      .where("conversation_id", "=", ctx.conversationId)
      .where("seq", ">=", fromSeq)
      .orderBy("seq")
      .execute();
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      const blob = new Uint8Array(m.envelope);
      const header = readMessageHeader(blob);
      // Its own epoch's key, if any opened, else every epoch key kept: none may open it.
      const candidates = [await keyOf(header.epoch), ...kept.epochKeys.values()].filter(
        (k): k is Uint8Array => k !== null,
      );
      for (const epochKey of candidates) {
        try {
          const { plaintext } = await openMessage(blob, { epochKey, senderPublicKey: header.senderKeyId });
          opened.push(decodeBody(plaintext).text);
          break;
        } catch (error) {
          expect(error).toBeInstanceOf(CryptoError);
        }
      }
    }
    return opened;
  };

  const nextSeq = async () =>
    Number(
      (
        await server.ctx.db.db
          .selectFrom("conversations")
          .select("next_seq")
          .where("id", "=", ctx.conversationId)
          .executeTakeFirstOrThrow()
      ).next_seq,
    );

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    const db = server.ctx.db.db;
    anna = await createStaff(server, org.orgId);
    ben = await createStaff(server, org.orgId);
    carl = await createStaff(server, org.orgId);
    teamId = await createTeamRows(server, org.orgId, [anna.id, ben.id, carl.id]);
    const { agencyId, topicId } = await seedAgency(db, { orgId: org.orgId, teamId, online: true });
    const adminApi = apiWith((await seedSession(db, org.admin.id)).cookie);
    admin = { api: adminApi, ops: adminOps(adminApi) };
    // The console certifies each member and hands out the team key (generation 1).
    for (const member of [anna, ben, carl]) await joinTeam(admin.ops, { teamId, accountId: member.id });

    // A client with real keys opens a case the way the enquiry page does.
    client.keys = createAccountKeys();
    const seeded = await seedAccount(db, { orgId: null, role: "client" });
    client.id = seeded.id;
    client.api = apiWith(seeded.cookie);
    await db
      .updateTable("accounts")
      .set({
        key_bundle: JSON.stringify({
          version: 1,
          signingPublicKey: toBase64Url(client.keys.signing.publicKey),
          encryptionPublicKey: toBase64Url(client.keys.encryption.publicKey),
        }),
      })
      .where("id", "=", client.id)
      .execute();
    const orgLog = await new OrgLogCache(client.api).load(org.orgId);
    const conversationId = rid("conv");
    const caseId = rid("case");
    const first = await createInitialEpoch({
      conversationId,
      orgLog,
      teamId,
      keys: client.keys,
      timestamp: Date.now(),
    });
    const envelope = await sealMessage({
      header: {
        conversationId,
        epoch: 1,
        messageId: rid("m"),
        timestamp: Date.now(),
        senderKeyId: client.keys.signing.publicKey,
      },
      plaintext: encodeBody(textBody("Ich brauche Hilfe mit meiner Familie.")),
      epochKey: first.epochKey,
      sender: client.keys.signing,
    });
    await client.api.request(openCase, {
      body: {
        caseId,
        conversationId,
        agencyId,
        topicId,
        epoch: first.body,
        firstMessage: { clientMsgId: rid("cm"), envelope: toBase64Url(envelope) },
      },
    });
    await apiWith((await seedSession(db, anna.id)).cookie).request(acceptCase, { params: { caseId } });
    ctx = { caseId, teamId, clientId: client.id, conversationId, notesConversationId: null };
  });
  afterAll(async () => server?.stop());

  it("before anyone leaves: the counsellor and the client read each other", async () => {
    const store = await annasStore();
    expect(texts(store)).toEqual(["Ich brauche Hilfe mit meiner Familie."]);
    await store.send("Guten Tag, ich bin Anna. Erzählen Sie mir mehr.");
    const theirs = await clientsStore();
    expect(texts(theirs)).toEqual([
      "Ich brauche Hilfe mit meiner Familie.",
      "Guten Tag, ich bin Anna. Erzählen Sie mir mehr.",
    ]);
    expect(store.getSnapshot().rotation).toBe("idle");
  });

  it("removed from the team: the next message is under a new epoch Ben's kept keys cannot open", async () => {
    const kept = await keepKeys(ben);
    // Ben could read everything so far: the check below is not vacuous.
    expect(await openWithKept(kept, 1)).toEqual([
      "Ich brauche Hilfe mit meiner Familie.",
      "Guten Tag, ich bin Anna. Erzählen Sie mir mehr.",
    ]);
    // The console: the server membership goes, then the log entry and a new team key generation.
    await admin.api.request(removeTeamMember, { params: { orgId: org.orgId, teamId, accountId: ben.id } });
    expect(await leaveTeam(admin.ops, { teamId, accountId: ben.id })).toBe(2);

    // Anna opens the case: her browser makes epoch 2 at once, for the client and team key generation 2.
    const from = await nextSeq();
    const store = await annasStore();
    await expect.poll(() => store.getSnapshot().rotation).toBe("rotated");
    await store.send("Nach dem Wechsel im Team: Wie geht es Ihnen heute?");
    const epochs = await server.ctx.db.db
      .selectFrom("epoch_team_wraps")
      .select(["epoch", "generation"])
      .where("conversation_id", "=", ctx.conversationId)
      .where("role", "=", "team")
      .orderBy("epoch")
      .execute();
    expect(epochs.map((e) => [Number(e.epoch), Number(e.generation)])).toEqual([
      [1, 1],
      [2, 2],
    ]);

    expect(await openWithKept(kept, from)).toEqual([]);
    // The client reads it (and writes back under epoch 2); Anna reads that.
    const theirs = await clientsStore();
    expect(texts(theirs).at(-1)).toBe("Nach dem Wechsel im Team: Wie geht es Ihnen heute?");
    await theirs.send("Besser, danke.");
    const again = await annasStore();
    expect(texts(again).slice(-2)).toEqual(["Nach dem Wechsel im Team: Wie geht es Ihnen heute?", "Besser, danke."]);
    expect(await openWithKept(kept, from)).toEqual([]);
  });

  it("offboarded: the client's own browser makes the new epoch; Carl's kept keys open nothing after it", async () => {
    const kept = await keepKeys(carl);
    expect((await openWithKept(kept, 1)).length).toBeGreaterThan(0);
    await admin.api.request(deactivateAccount, { params: { orgId: org.orgId, accountId: carl.id } });
    const result = await offboard(admin.ops, { accountId: carl.id });
    expect(result).toMatchObject({ revoked: true, teams: [{ teamId, generation: 3 }] });

    // This time the client writes first: refused as owed, their browser makes epoch 3 and sends again.
    const from = await nextSeq();
    const theirs = await clientsStore();
    await expect.poll(() => theirs.getSnapshot().rotation).toBe("rotated");
    await theirs.send("Ich schreibe nach dem Abschied von Carl.");
    const records = await server.ctx.db.db
      .selectFrom("conversation_epochs")
      .select(["epoch", "created_by"])
      .where("conversation_id", "=", ctx.conversationId)
      .orderBy("epoch")
      .execute();
    expect(records.map((r) => [Number(r.epoch), r.created_by])).toEqual([
      [1, client.id],
      [2, anna.id],
      [3, client.id],
    ]);
    expect(await openWithKept(kept, from)).toEqual([]);
    const annas = await annasStore();
    expect(texts(annas).at(-1)).toBe("Ich schreibe nach dem Abschied von Carl.");
    await annas.send("Danke, ich bin weiter für Sie da.");
    expect(await openWithKept(kept, from)).toEqual([]);
    // Ben, removed earlier, opens none of it either.
    expect(
      await openWithKept({ keys: ben.keys, teamKeys: [await unwrapFirstTeamKey(ben)], epochKeys: new Map() }, from),
    ).toEqual([]);
  });

  it("handed to another team: the handing-over browser brings the new team's epoch; Anna's keys open nothing after it", async () => {
    const db = server.ctx.db.db;
    dora = await createStaff(server, org.orgId);
    const otherTeam = await createTeamRows(server, org.orgId, [dora.id]);
    await joinTeam(admin.ops, { teamId: otherTeam, accountId: dora.id });
    const kept = await keepKeys(anna);

    // Anna hands the case over in her browser, as the case page does: history re-wrapped, new epoch along.
    const annaApi = apiWith((await seedSession(db, anna.id)).cookie);
    const ring = keyringFor(annaApi, anna.id, anna.keys);
    const teamWraps = await ring.rewrapForTeam(ctx, otherTeam);
    const epochs = await handoverEpochs(ring, ctx, otherTeam, Date.now());
    expect(epochs.map((e) => [e.conversationId, e.epoch, e.wraps.map((w) => w.recipientId)])).toEqual([
      [ctx.conversationId, 4, [client.id]],
    ]);
    await annaApi.request(handOverCase, {
      params: { caseId: ctx.caseId },
      body: { toTeamId: otherTeam, toAccountId: dora.id, teamWraps, epochs },
    });
    ctx = { ...ctx, teamId: otherTeam };
    teamId = otherTeam;

    // Nothing owed: Dora writes at once, under epoch 4, and reads the whole history through her team's key.
    const from = await nextSeq();
    const doraApi = apiWith((await seedSession(db, dora.id)).cookie);
    const doraRing = keyringFor(doraApi, dora.id, dora.keys);
    const doras = storeFor({
      api: doraApi,
      accountId: dora.id,
      keys: dora.keys,
      conversationId: ctx.conversationId,
      trust: await doraRing.caseTrust(ctx, ctx.conversationId),
      keySource: doraRing.caseKeySource(ctx),
      rotator: staffCaseRotator(doraRing, ctx, ctx.conversationId, doraApi),
    });
    await doras.start();
    expect(doras.getSnapshot().rotation).toBe("idle");
    expect(texts(doras)).toContain("Ich brauche Hilfe mit meiner Familie.");
    await doras.send("Ich bin Dora aus dem Jugendteam und übernehme Ihren Fall.");
    expect(
      readMessageHeader(
        new Uint8Array(
          (
            await db
              .selectFrom("messages")
              .select("envelope")
              .where("conversation_id", "=", ctx.conversationId)
              .where("seq", "=", from)
              .executeTakeFirstOrThrow()
          ).envelope,
        ),
      ).epoch,
    ).toBe(4);
    expect(await openWithKept(kept, from)).toEqual([]);
    const theirs = await clientsStore();
    expect(texts(theirs).at(-1)).toBe("Ich bin Dora aus dem Jugendteam und übernehme Ihren Fall.");
  });

  it("the console's renewal: an administrator who leads the team makes the owed epoch; Dora's kept keys open nothing after", async () => {
    const db = server.ctx.db.db;
    const erik = await createStaff(server, org.orgId, { role: "org_admin" });
    // The console adds Erik to the case's team as its lead (server membership first, then the log and the key).
    await admin.api.request(addTeamMember, {
      params: { orgId: org.orgId, teamId },
      body: { accountId: erik.id, role: "lead" },
    });
    await joinTeam(admin.ops, { teamId, accountId: erik.id });
    const kept = await keepKeys(dora);
    // She took along every epoch key the case had: 1–3 re-wrapped to her team at the handover, and 4.
    expect([...kept.epochKeys.keys()].sort()).toEqual([1, 2, 3, 4]);
    await admin.api.request(removeTeamMember, { params: { orgId: org.orgId, teamId, accountId: dora.id } });
    expect(await leaveTeam(admin.ops, { teamId, accountId: dora.id })).toBe(2);

    // Erik's console: one case conversation owed, his to renew.
    const erikApi = apiWith((await seedSession(db, erik.id)).cookie);
    const owed = await erikApi.request(getOwedRotations, { params: { orgId: org.orgId } });
    expect(owed.afterDeparture.cases).toBe(1);
    expect(owed.mine).toEqual([{ caseId: ctx.caseId, conversationId: ctx.conversationId, kind: "case" }]);
    const progress: RenewProgress[] = [];
    const result = await renewOwedEpochs({
      api: erikApi,
      ring: keyringFor(erikApi, erik.id, erik.keys),
      owed: owed.mine,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({ done: 1, failed: 0, total: 1 });
    expect(progress).toEqual([{ done: 1, failed: 0, total: 1 }]);
    const after = await erikApi.request(getOwedRotations, { params: { orgId: org.orgId } });
    expect(after.afterDeparture.cases).toBe(0);
    expect(after.mine).toEqual([]);
    const newest = await db
      .selectFrom("conversation_epochs")
      .select(["epoch", "created_by"])
      .where("conversation_id", "=", ctx.conversationId)
      .orderBy("epoch", "desc")
      .executeTakeFirstOrThrow();
    expect([Number(newest.epoch), newest.created_by]).toEqual([5, erik.id]);

    // The client writes under it at once; nothing Dora kept opens it.
    const from = await nextSeq();
    const theirs = await clientsStore();
    expect(theirs.getSnapshot().rotation).toBe("idle");
    await theirs.send("Danke, dass Sie jetzt übernehmen.");
    expect(theirs.getSnapshot().outbox).toEqual([]);
    expect(await openWithKept(kept, from)).toEqual([]);
  });

  /** Ben's generation 1 from his own wrap, read from the database (he kept it). */
  async function unwrapFirstTeamKey(who: TestAccount): Promise<TeamKeyGeneration> {
    const row = await server.ctx.db.db
      .selectFrom("key_wraps")
      .select("blob")
      .where("kind", "=", "team")
      .where("ref_id", "=", teamId)
      .where("generation", "=", 1)
      .where("recipient_account_id", "=", who.id)
      .executeTakeFirstOrThrow();
    const state = await new OrgLogCache(admin.api).load(org.orgId);
    return unwrapTeamKey({
      teamId,
      generation: 1,
      expectedPublicKey: state.teams.get(teamId)!.generations[0]!.publicKey,
      wrapped: fromBase64Url(row.blob),
      memberSecretKey: who.keys.encryption.secretKey,
    });
  }
});
