// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EpochRecord,
  type OrgLogState,
  type TeamKeyGeneration,
  CryptoError,
  EpochTracker,
  createEpoch,
  currentTeamKeyGeneration,
  decodeEpochRecord,
  encodeEpochRecord,
  fromBase64Url,
  isCertifiedStaffKey,
  membersHash,
  toBase64Url,
  unwrapEpochKey,
  unwrapPreviousTeamKey,
  unwrapTeamKey,
  verifyEpochRecord,
  wrapEpochKeyForTeam,
  wrapEpochKeyForParticipant,
} from "@obhut/crypto";
import type { KeyWrapView } from "@obhut/protocol";
import type { ConversationTrust } from "./epochs";
import { followingTrust, formerStaffAccount, staffAccountOf } from "./trust";
import { vouchedRecords } from "./vouching";

/**
 * The staff side of conversation keys (issue 6, items 6 and 7).
 *
 * Counsellors read a case through their *team*: every epoch key of a case
 * (and of its notes) is wrapped to the team key, and each team member holds
 * the team key wrapped to their own account key. So a counsellor who joins
 * the team, or takes over a case, can read the whole history without anyone
 * re-encrypting messages. This module:
 *
 * - unwraps my team key generations (current wrap to me, then walking back
 *   through the "team-previous" history wraps), each checked against the
 *   public key in the *verified* org log, so the server cannot hand me a team
 *   key of its own making;
 * - verifies each epoch record (chain + signature: a certified staff key from
 *   the org log, or the case's client key) and opens the epoch key with the
 *   team wrap (or, failing that, my own participant wrap). `unwrapEpochKey`
 *   checks the key against the record's signed commitment;
 * - re-wraps every epoch key of a case to another team (handover);
 * - creates the first epoch of a case's notes conversation.
 *
 * Everything the server says goes through `StaffKeyDeps`, so tests drive the
 * module with fakes and the real app with the HTTP client.
 */

/** A team-key wrap of an epoch key, as `GET /api/cases/:caseId/team-wraps` lists them. */
export interface CaseTeamWrap {
  conversationId: string;
  epoch: number;
  teamId: string;
  generation: number;
  wrap: string;
}

export interface EpochListing {
  epochs: { epoch: number; record: string; createdBy: string }[];
  /** Epoch keys wrapped to me as a participant. */
  wraps: { epoch: number; wrap: string }[];
}

export interface StaffKeyDeps {
  /** The verified org log of my organisation (root pinned / known head checked by the caller). */
  orgState(): Promise<OrgLogState>;
  /** `GET /api/keys/wraps`: my team wraps and the history wraps of my teams. */
  keyWraps(): Promise<KeyWrapView[]>;
  caseTeamWraps(caseId: string): Promise<CaseTeamWrap[]>;
  epochs(conversationId: string): Promise<EpochListing>;
  /**
   * The client's signing key for a case, or null if the server will not tell
   * (clients belong to no organisation). Null means: trust the signer of the
   * case's first epoch record on first use (see `caseSigner`).
   */
  clientSigningKey(clientId: string): Promise<Uint8Array | null>;
  /**
   * `GET /api/cases/:caseId/client-keys`: the case client's keys as the server
   * says. Used only for a re-bound case, and only if a staff-signed epoch
   * record commits to them (see `loadRecords`).
   */
  caseClientKeys?(caseId: string): Promise<{ signingKey: Uint8Array; encryptionKey: Uint8Array } | null>;
}

/** What a case needs to know to verify and open its keys. */
export interface CaseKeyContext {
  caseId: string;
  teamId: string;
  clientId: string;
  conversationId: string;
  notesConversationId: string | null;
}

export interface OpenedEpoch {
  record: EpochRecord;
  epochKey: Uint8Array;
}

/** The wire form of a conversation's first epoch (protocol `InitialEpoch`). */
export interface InitialEpochBody {
  record: string;
  ownWrap: string;
  teamWrap: string;
  archiveWrap: string;
}

/** The key material of `POST /api/cases/:caseId/rebind` (protocol `RebindCase`, without code and account). */
export interface RebindBody {
  epoch: {
    epoch: number;
    record: string;
    wraps: { recipientId: string; wrap: string }[];
    teamWrap: string;
    archiveWrap: string;
  };
  historyWraps: { epoch: number; wrap: string }[];
}

export interface HandoverWrap {
  conversationId: string;
  epoch: number;
  generation: number;
  wrap: string;
}

const teamKeyId = (teamId: string, generation: number) => `${teamId}#${generation}`;
const epochId = (conversationId: string, epoch: number) => `${conversationId}#${epoch}`;

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

export class StaffKeyring {
  private readonly teamKeys = new Map<string, Promise<TeamKeyGeneration>>();
  private readonly opened = new Map<string, Promise<OpenedEpoch>>();
  private readonly records = new Map<string, Promise<Map<number, EpochRecord>>>();
  private readonly clientKeys = new Map<string, Promise<Uint8Array | null>>();
  /** Client keys taken from a case's first epoch record (trust on first use). */
  private readonly pinnedClientKeys = new Map<string, Uint8Array>();
  private state: Promise<OrgLogState> | undefined;
  private wraps: Promise<KeyWrapView[]> | undefined;

  constructor(
    private readonly me: { accountId: string; keys: AccountKeys },
    private readonly deps: StaffKeyDeps,
  ) {}

  orgState(): Promise<OrgLogState> {
    this.state ??= this.deps.orgState();
    return this.state;
  }

  /** Forget cached server answers (after a handover or a team key rotation); opened keys stay valid. */
  refresh(): void {
    this.state = undefined;
    this.wraps = undefined;
    this.records.clear();
  }

  private keyWraps(): Promise<KeyWrapView[]> {
    this.wraps ??= this.deps.keyWraps();
    return this.wraps;
  }

  /**
   * Team key generation `generation` of `teamId`: unwrapped directly if the
   * server holds a wrap to me for it, else from the next generation's
   * history wrap (recursively). Each result matches the org log.
   */
  teamKey(teamId: string, generation: number): Promise<TeamKeyGeneration> {
    const id = teamKeyId(teamId, generation);
    let found = this.teamKeys.get(id);
    if (!found) {
      found = this.loadTeamKey(teamId, generation);
      // Failures are not cached: the wrap may arrive later (new member).
      found.catch(() => this.teamKeys.delete(id));
      this.teamKeys.set(id, found);
    }
    return found;
  }

  private async loadTeamKey(teamId: string, generation: number): Promise<TeamKeyGeneration> {
    const state = await this.orgState();
    const generations = state.teams.get(teamId)?.generations ?? [];
    const published = generations.find((g) => g.generation === generation);
    if (!published) throw new CryptoError("unknown_key", `team ${teamId} has no generation ${generation} in the log`);
    const wraps = await this.keyWraps();
    const direct = wraps.find(
      (w) =>
        w.kind === "team" &&
        w.refId === teamId &&
        w.generation === generation &&
        w.recipientAccountId === this.me.accountId,
    );
    if (direct) {
      return unwrapTeamKey({
        teamId,
        generation,
        expectedPublicKey: published.publicKey,
        wrapped: fromBase64Url(direct.blob),
        memberSecretKey: this.me.keys.encryption.secretKey,
      });
    }
    const history = wraps.find((w) => w.kind === "team-previous" && w.refId === teamId && w.generation === generation);
    const newest = generations.at(-1)?.generation ?? 0;
    if (!history || generation >= newest) {
      throw new CryptoError("unknown_key", `no wrap of team ${teamId} generation ${generation} for me`);
    }
    return unwrapPreviousTeamKey({
      next: await this.teamKey(teamId, generation + 1),
      previousWrapped: fromBase64Url(history.blob),
      expectedPreviousPublicKey: published.publicKey,
    });
  }

  /** The client's key for a case: from the server if it answers, else pinned from epoch 1 (trust on first use). */
  private clientKey(clientId: string): Promise<Uint8Array | null> {
    let key = this.clientKeys.get(clientId);
    if (!key) {
      key = this.deps.clientSigningKey(clientId).catch(() => null);
      this.clientKeys.set(clientId, key);
    }
    return key;
  }

  /**
   * Verified epoch records of one conversation of a case, in order. Signers:
   * a certified staff key of the organisation, or — in the case conversation
   * only — the client's key. The client's key is the one the server reports
   * or, when it reports none, the signer of epoch 1 (the client opened the
   * case with it; an anonymous client has no other anchor).
   */
  private verifiedRecords(ctx: CaseKeyContext, conversationId: string): Promise<Map<number, EpochRecord>> {
    let found = this.records.get(conversationId);
    if (!found) {
      found = this.loadRecords(ctx, conversationId);
      found.catch(() => this.records.delete(conversationId));
      this.records.set(conversationId, found);
    }
    return found;
  }

  private async loadRecords(ctx: CaseKeyContext, conversationId: string): Promise<Map<number, EpochRecord>> {
    const [state, listing] = await Promise.all([this.orgState(), this.deps.epochs(conversationId)]);
    const isCaseConversation = conversationId === ctx.conversationId;
    let clientKey = isCaseConversation ? await this.clientKey(ctx.clientId) : null;
    const tracker = new EpochTracker();
    const out = new Map<number, EpochRecord>();
    const sorted = [...listing.epochs].sort((a, b) => a.epoch - b.epoch);
    const records = sorted.map((e) => {
      const record = decodeEpochRecord(fromBase64Url(e.record));
      if (record.conversationId !== conversationId || record.epoch !== e.epoch) {
        throw new CryptoError("chain_broken", "epoch record names another conversation or epoch");
      }
      return record;
    });
    const first = sorted[0];
    if (
      isCaseConversation &&
      first &&
      records[0]!.epoch === 1 &&
      clientKey === null &&
      first.createdBy === ctx.clientId
    ) {
      clientKey = records[0]!.signerKeyId;
      this.pinnedClientKeys.set(ctx.clientId, clientKey);
    }
    if (isCaseConversation && clientKey === null) {
      clientKey = await this.reboundClientKey(ctx, state, records);
      if (clientKey) this.pinnedClientKeys.set(ctx.clientId, clientKey);
    }
    const trusted = (k: Uint8Array) =>
      isCertifiedStaffKey(state, k) || (clientKey !== null && isCaseConversation && bytesEqual(k, clientKey));
    // A re-bound case: epochs signed by the former client, vouched for by a later staff-signed record.
    const vouched = isCaseConversation ? vouchedRecords(records, (k) => trusted(k)) : new Set<number>();
    // Signed by a staff key while it was certified, offboarded or reset since: still that person's (ADR 0031).
    const former = formerStaffAccount(state);
    for (const record of records) {
      tracker.accept(
        record,
        (k) =>
          trusted(k) ||
          (bytesEqual(k, record.signerKeyId) && (vouched.has(record.epoch) || former(k, record) !== null)),
      );
      out.set(record.epoch, record);
    }
    return out;
  }

  /**
   * A re-bound case (docs/CRYPTO.md, "Case re-binding"): the new client signed
   * no epoch, so its key is pinned from the server's answer only if a record
   * signed by a certified staff key has exactly {new client, that staff
   * member} as its participants (members hash) — the counsellor who compared
   * the fingerprint vouches for the key.
   */
  private async reboundClientKey(
    ctx: CaseKeyContext,
    state: OrgLogState,
    records: readonly EpochRecord[],
  ): Promise<Uint8Array | null> {
    const candidate = await this.deps.caseClientKeys?.(ctx.caseId).catch(() => null);
    if (!candidate) return null;
    for (const record of [...records].reverse()) {
      const signer = state.staff.get(toBase64Url(record.signerKeyId));
      if (!signer) continue;
      const expected = membersHash([
        { signingKey: candidate.signingKey, encryptionKey: candidate.encryptionKey },
        { signingKey: signer.signingKey, encryptionKey: signer.encryptionKey },
      ]);
      if (!bytesEqual(expected, record.membersHash)) continue;
      try {
        verifyEpochRecord(record, (k) => isCertifiedStaffKey(state, k));
        return candidate.signingKey;
      } catch {
        return null;
      }
    }
    return null;
  }

  /** Opens epoch `epoch` of a case's (or its notes') conversation. */
  epochKey(ctx: CaseKeyContext, conversationId: string, epoch: number): Promise<OpenedEpoch> {
    const id = epochId(conversationId, epoch);
    let found = this.opened.get(id);
    if (!found) {
      found = this.openEpoch(ctx, conversationId, epoch);
      found.catch(() => this.opened.delete(id));
      this.opened.set(id, found);
    }
    return found;
  }

  private async openEpoch(ctx: CaseKeyContext, conversationId: string, epoch: number): Promise<OpenedEpoch> {
    this.checkBelongs(ctx, conversationId);
    const record = (await this.verifiedRecords(ctx, conversationId)).get(epoch);
    if (!record) throw new CryptoError("unknown_key", `no verified record for epoch ${epoch}`);
    const own = (await this.deps.epochs(conversationId)).wraps.find((w) => w.epoch === epoch);
    const epochKey = await this.openRecord(ctx, record, own ? fromBase64Url(own.wrap) : undefined);
    return { record, epochKey };
  }

  private checkBelongs(ctx: CaseKeyContext, conversationId: string): void {
    if (conversationId !== ctx.conversationId && conversationId !== ctx.notesConversationId) {
      throw new CryptoError("unknown_key", "conversation does not belong to this case");
    }
  }

  /** Team wraps first (current team, newest generation), then my own participant wrap. */
  private async openRecord(ctx: CaseKeyContext, record: EpochRecord, ownWrap: Uint8Array | undefined) {
    const teamWraps = (await this.deps.caseTeamWraps(ctx.caseId)).filter(
      (w) => w.conversationId === record.conversationId && w.epoch === record.epoch,
    );
    teamWraps.sort(
      (a, b) => Number(b.teamId === ctx.teamId) - Number(a.teamId === ctx.teamId) || b.generation - a.generation,
    );
    const errors: unknown[] = [];
    for (const w of teamWraps) {
      try {
        const team = await this.teamKey(w.teamId, w.generation);
        return await unwrapEpochKey({
          record,
          role: "team",
          wrapped: fromBase64Url(w.wrap),
          recipientSecretKey: team.secretKey,
        });
      } catch (error) {
        errors.push(error);
      }
    }
    if (ownWrap) {
      return unwrapEpochKey({
        record,
        role: "participant",
        wrapped: ownWrap,
        recipientSecretKey: this.me.keys.encryption.secretKey,
      });
    }
    throw errors[0] instanceof Error
      ? errors[0]
      : new CryptoError("unknown_key", `no wrap of epoch ${record.epoch} that I can open`);
  }

  /**
   * The messaging library's key source for one case (structurally its
   * `EpochKeySource`): the record arrives already verified by the caller's
   * registry under `caseTrust`; the key is checked against its commitment.
   */
  caseKeySource(ctx: CaseKeyContext): {
    keyFor(conversationId: string, record: EpochRecord, hint: { ownWrap: Uint8Array | undefined }): Promise<Uint8Array>;
  } {
    return {
      keyFor: async (conversationId, record, hint) => {
        this.checkBelongs(ctx, conversationId);
        if (record.conversationId !== conversationId) {
          throw new CryptoError("bad_format", "epoch record belongs to another conversation");
        }
        return this.openRecord(ctx, record, hint.ownWrap);
      },
    };
  }

  /**
   * Who may sign epochs and messages in a case's conversations (structurally
   * the library's `ConversationTrust`): certified staff of the organisation
   * from the verified log, and — in the case conversation only — the client,
   * whose key is pinned first (server answer, or the signer of epoch 1). Keys
   * of former staff count for what they signed while certified (ADR 0031).
   */
  async caseTrust(ctx: CaseKeyContext, conversationId: string): Promise<ConversationTrust> {
    this.checkBelongs(ctx, conversationId);
    const state = await this.orgState();
    let clientKey: Uint8Array | null = null;
    if (conversationId === ctx.conversationId) {
      await this.verifiedRecords(ctx, conversationId);
      clientKey = (await this.clientKey(ctx.clientId)) ?? this.pinnedClientKeys.get(ctx.clientId) ?? null;
    }
    const isClient = (k: Uint8Array) => clientKey !== null && bytesEqual(k, clientKey);
    // Follows the log: a colleague certified while the case is open is trusted once the log shows them.
    return followingTrust({
      orgLog: state,
      load: () => this.orgState(),
      build: (s) => ({
        isEpochSigner: (k) => isCertifiedStaffKey(s, k) || isClient(k),
        senderAccountId: (k) => (isClient(k) ? ctx.clientId : (s.staff.get(toBase64Url(k))?.accountId ?? null)),
        isStaffAccount: staffAccountOf(s),
        formerStaffAccount: formerStaffAccount(s),
      }),
    });
  }

  /**
   * Handover to another team: every epoch key of the case conversation and
   * of the notes wrapped to the target team's *current* generation from the
   * verified org log. Fails as a whole if any key cannot be opened, so the
   * receiving team never gets a case with a hole in its history.
   */
  async rewrapForTeam(ctx: CaseKeyContext, targetTeamId: string): Promise<HandoverWrap[]> {
    const state = await this.orgState();
    const target = currentTeamKeyGeneration(state, targetTeamId);
    const conversations = [ctx.conversationId, ...(ctx.notesConversationId ? [ctx.notesConversationId] : [])];
    const out: HandoverWrap[] = [];
    for (const conversationId of conversations) {
      const records = await this.verifiedRecords(ctx, conversationId);
      for (const epoch of [...records.keys()].sort((a, b) => a - b)) {
        const { record, epochKey } = await this.epochKey(ctx, conversationId, epoch);
        out.push({
          conversationId,
          epoch,
          generation: target.generation,
          wrap: toBase64Url(await wrapEpochKeyForTeam(record, epochKey, target.publicKey)),
        });
      }
    }
    return out;
  }

  /**
   * Re-binding a case to the client's new account (docs/CRYPTO.md, "Case
   * re-binding"), after the counsellor compared the new account's fingerprint
   * out of band: the next epoch of the case conversation signed by me, for the
   * new client and me, wrapped to the team's current generation and the
   * archive key; and every earlier epoch key wrapped to the new client so the
   * history opens. Fails as a whole if any earlier key cannot be opened.
   */
  async rebindEpochs(
    ctx: CaseKeyContext,
    newClient: { accountId: string; signingKey: Uint8Array; encryptionKey: Uint8Array },
    now: number,
  ): Promise<RebindBody> {
    const state = await this.orgState();
    const conversationId = ctx.conversationId;
    const records = await this.verifiedRecords(ctx, conversationId);
    const epochs = [...records.keys()].sort((a, b) => a - b);
    const historyWraps: RebindBody["historyWraps"] = [];
    for (const epoch of epochs) {
      const { record, epochKey } = await this.epochKey(ctx, conversationId, epoch);
      historyWraps.push({
        epoch,
        wrap: toBase64Url(await wrapEpochKeyForParticipant(record, epochKey, newClient.encryptionKey)),
      });
    }
    const previous = records.get(epochs.at(-1) ?? 0);
    if (!previous) throw new CryptoError("unknown_key", "the case conversation has no epoch");
    const team = currentTeamKeyGeneration(state, ctx.teamId);
    const keys = this.me.keys;
    const { record, wraps } = await createEpoch({
      conversationId,
      previous,
      participants: [
        { signingKey: newClient.signingKey, encryptionKey: newClient.encryptionKey },
        { signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey },
      ],
      team: { teamId: ctx.teamId, generation: team.generation, publicKey: team.publicKey },
      archiveKey: state.archiveKey,
      signer: keys.signing,
      timestamp: now,
    });
    const accountOf = (key: Uint8Array) =>
      bytesEqual(key, newClient.signingKey) ? newClient.accountId : this.me.accountId;
    // The case now belongs to another client: verified records and client keys are loaded afresh.
    this.records.delete(conversationId);
    this.clientKeys.clear();
    return {
      epoch: {
        epoch: record.epoch,
        record: toBase64Url(encodeEpochRecord(record)),
        wraps: wraps.participants.map((p) => ({ recipientId: accountOf(p.memberKeyId), wrap: toBase64Url(p.wrapped) })),
        teamWrap: toBase64Url(wraps.team),
        archiveWrap: toBase64Url(wraps.archive),
      },
      historyWraps,
    };
  }

  /**
   * The first epoch of a case's notes: I am the only participant, the key is
   * wrapped to the case team's current generation and to the organisation's
   * archive key, both from the verified org log. Returns the body for
   * `POST /api/cases/:caseId/notes` and the opened epoch for the first note.
   */
  async createNotesEpoch(
    teamId: string,
    conversationId: string,
    now: number,
  ): Promise<{ body: InitialEpochBody; opened: OpenedEpoch }> {
    const state = await this.orgState();
    const team = currentTeamKeyGeneration(state, teamId);
    const keys = this.me.keys;
    const { record, epochKey, wraps } = await createEpoch({
      conversationId,
      previous: null,
      participants: [{ signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey }],
      team: { teamId, generation: team.generation, publicKey: team.publicKey },
      archiveKey: state.archiveKey,
      signer: keys.signing,
      timestamp: now,
    });
    const own = wraps.participants[0];
    if (!own) throw new CryptoError("bad_parameters", "no participant wrap");
    const body: InitialEpochBody = {
      record: toBase64Url(encodeEpochRecord(record)),
      ownWrap: toBase64Url(own.wrapped),
      teamWrap: toBase64Url(wraps.team),
      archiveWrap: toBase64Url(wraps.archive),
    };
    this.opened.set(epochId(conversationId, 1), Promise.resolve({ record, epochKey }));
    return { body, opened: { record, epochKey } };
  }

  /** My account id and keys (the signer of the epochs I publish, messaging/staff-rotation.ts). */
  get account(): { accountId: string; keys: AccountKeys } {
    return this.me;
  }

  /** The verified epoch records of one conversation of a case, oldest first. */
  async caseRecords(ctx: CaseKeyContext, conversationId: string): Promise<EpochRecord[]> {
    this.checkBelongs(ctx, conversationId);
    const records = await this.verifiedRecords(ctx, conversationId);
    return [...records.values()].sort((a, b) => a.epoch - b.epoch);
  }

  /**
   * The case client's public keys for a new epoch's participant wrap (ADR 0029): the server's answer, accepted
   * only if its signing key is the client key this ring trusts (pinned from epoch 1 or a re-binding) and a
   * verified record of the case conversation commits to exactly that key pair — alone (an epoch the client
   * made, or one made for the client alone), or with the record's staff signer (a re-binding).
   */
  async trustedClientKeys(ctx: CaseKeyContext): Promise<{ signingKey: Uint8Array; encryptionKey: Uint8Array }> {
    const records = await this.caseRecords(ctx, ctx.conversationId);
    const candidate = await this.deps.caseClientKeys?.(ctx.caseId);
    const trusted = (await this.clientKey(ctx.clientId)) ?? this.pinnedClientKeys.get(ctx.clientId) ?? null;
    if (!candidate || trusted === null || !bytesEqual(candidate.signingKey, trusted))
      throw new CryptoError("unknown_key", "the case client's key is not the one the epochs name");
    const state = await this.orgState();
    const alone = membersHash([candidate]);
    for (const record of [...records].reverse()) {
      if (bytesEqual(record.membersHash, alone)) return candidate;
      const signer = state.staff.get(toBase64Url(record.signerKeyId));
      if (signer && bytesEqual(record.membersHash, membersHash([candidate, signer]))) return candidate;
    }
    throw new CryptoError("unknown_key", "no verified epoch names the case client's encryption key");
  }

  /** Teams I hold a key wrap of (the teams whose cases I may read). */
  async myTeamIds(): Promise<string[]> {
    const wraps = await this.keyWraps();
    return [
      ...new Set(
        wraps.filter((w) => w.kind === "team" && w.recipientAccountId === this.me.accountId).map((w) => w.refId),
      ),
    ];
  }
}
