// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CryptoError,
  type EpochRecord,
  type SigningKeyPair,
  fromBase64Url,
  openMessage,
  randomBytes,
  readMessageHeader,
  sealMessage,
  toBase64Url,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { ApiError, type ApiClient } from "../api/client";
import { BODY_VERSION, BodyFormatError, MAX_TEXT_CHARS, type MessageBody, decodeBody, encodeBody } from "./body";
import { type SealedFile, uploadSealedFile, type RawFetch } from "./attachments";
import type { ConversationKeyring, ConversationTrust } from "./epochs";
import type { EpochRotator } from "./epoch-rotation";
import { getConversation, listMessages, markRead, sendMessage } from "./endpoints";
import { LIMITS } from "./limits";
import { NO_RECEIPTS, type PeerReceipts, unreadAfterOnOpen, withReceipt } from "./read-state";
import { type RealtimeClient, type RealtimeStatus, type SendAck, SendFailure, isRetryableCode } from "./realtime";

/**
 * One message as the UI shows it. `body` is null when it could not be opened (see `problem`; `noKey`: its epoch
 * exists but was never wrapped to this account — written before they joined).
 */
export interface DisplayMessage {
  seq: number;
  id: string;
  senderId: string;
  createdAt: number;
  own: boolean;
  body: MessageBody | null;
  problem: "unreadable" | "unsupported" | "noKey" | null;
  edited: boolean;
  deleted: boolean;
  /** Signed, while it was certified, by a staff key that is no longer (offboarding, access reset; ADR 0031). */
  formerKey?: boolean;
}

/** A message this device is sending; it stays here, with its text, until the server acknowledged it. */
export interface OutgoingMessage {
  clientMsgId: string;
  body: MessageBody;
  state: "uploading" | "sending" | "failed";
  /** Stable error code of the last attempt (ApiError/SendFailure codes, or "crypto"). */
  error: string | null;
  retryable: boolean;
  /** Not yet uploaded attachments, kept for a retry. */
  files: SealedFile[];
  envelope: string | null;
  /**
   * Files without text that follow my own newest message (e.g. the files
   * chosen with an enquiry): sent as a continuation of that message, so the
   * others' unread count counts one message, not the attachment as another.
   */
  continues: string | null;
}

export interface ConversationSnapshot {
  status: "loading" | "ready" | "error";
  loadError: string | null;
  live: RealtimeStatus;
  messages: readonly DisplayMessage[];
  outbox: readonly OutgoingMessage[];
  hasOlder: boolean;
  /** How far the others received and read (own messages' states); `shared` false when the policy hides it. */
  receipts: PeerReceipts;
  /** The person's read marker when the conversation opened, if others wrote after it (read-state.ts). */
  unreadAfter: number | null;
  /** Where an owed epoch rotation stands (ADR 0029); shown as a short status. */
  rotation: RotationState;
  /** The stable code of the last failed or waiting rotation, else null. */
  rotationError: string | null;
}

/**
 * `idle`: nothing owed as far as this device knows. `rotating`: this browser is making the new epoch.
 * `rotated`: it did, just now. `waiting`: one is owed and this browser cannot make it now (no rotator, or an
 * administrator must first renew the team key): messages wait and are sent again by themselves.
 * `failed`: making it failed (see the outbox's error).
 */
export type RotationState = "idle" | "rotating" | "rotated" | "waiting" | "failed";

/** Codes after which a message is sealed again: under a new epoch this browser (or another) publishes. */
const ROTATION_CODES = new Set(["epoch_rotation_owed", "epoch_outdated"]);
/** Codes under which a message waits for someone else's rotation (or the administrator's new team key). */
export const WAITS_FOR_ROTATION = new Set(["epoch_rotation_owed", "key_rotation_pending"]);
/** How long a waiting message rests before it is tried again (the server answers at once when still owed). */
const ROTATION_RETRY_MS = 15_000;
/**
 * A busy server refuses a send with a pause to wait (ADR 0039). The message stays "sending" and goes again
 * after that pause, stretched by up to half at random so refused clients do not all return at once; after
 * this many pauses in a row it fails like any network error (the retry button, or the next reconnect).
 */
const BUSY_RETRIES = 6;

export interface ConversationDeps {
  api: ApiClient;
  conversationId: string;
  keyring: ConversationKeyring;
  trust: ConversationTrust;
  self: { accountId: string; signing: SigningKeyPair };
  realtime: RealtimeClient;
  clock?: () => number;
  newClientMsgId?: () => string;
  fetch?: RawFetch;
  /** Publishes the next epoch when one is owed; without it this browser waits for someone else's. */
  rotator?: EpochRotator;
  /** Timers for the retry of messages that wait for a rotation or a busy server (injectable for tests). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Spreads the retries after a busy server's refusal (injectable for tests). */
  random?: () => number;
}

export const newClientMsgId = (): string => toBase64Url(randomBytes(16));

/**
 * One conversation in the browser, independent of React: history pages over
 * HTTP, live messages over the realtime client, every envelope verified and
 * decrypted, merged by `seq` (so catch-up after a reconnect and the echo of
 * one's own message never show twice), and an outbox whose entries keep
 * their clientMsgId and sealed envelope until acknowledged, so retries are
 * idempotent and a failed text is never lost.
 */
export class ConversationStore {
  private readonly bySeq = new Map<number, DisplayMessage>();
  /** First seq seen for (sender key, message id): a replayed envelope at a later seq is dropped. */
  private readonly seen = new Map<string, number>();
  private readonly outbox = new Map<string, OutgoingMessage>();
  private snapshot: ConversationSnapshot;
  private readonly listeners = new Set<() => void>();
  private oldestSeq: number | null = null;
  private hasOlder = false;
  private status: ConversationSnapshot["status"] = "loading";
  private loadError: string | null = null;
  private readonly cleanups: (() => void)[] = [];
  private stopped = false;
  private readSeq = 0;
  private receipts: PeerReceipts = NO_RECEIPTS;
  private unreadAfter: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly clock: () => number;
  private readonly makeId: () => string;
  private rotator: EpochRotator | undefined;
  private rotation: RotationState = "idle";
  private rotationError: string | null = null;
  private rotating: Promise<boolean> | null = null;
  private retryTimer: unknown = null;
  /** Messages that did not open (unknown signer or epoch), kept to try again once the trust learned more keys. */
  private readonly unopened = new Map<number, MessageView>();
  private trustVersion = 0;

  constructor(private readonly deps: ConversationDeps) {
    this.clock = deps.clock ?? Date.now;
    this.rotator = deps.rotator;
    this.makeId = deps.newClientMsgId ?? newClientMsgId;
    this.snapshot = this.build();
  }

  getSnapshot = (): ConversationSnapshot => this.snapshot;

  /** Lets this browser make owed epochs (ADR 0029); set before `start`. */
  setRotator(rotator: EpochRotator): void {
    this.rotator = rotator;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads the newest page, then follows the conversation live from there. */
  async start(): Promise<void> {
    const { api, conversationId, realtime } = this.deps;
    try {
      await this.deps.keyring.refresh();
      const [page, view] = await Promise.all([
        api.request(listMessages, { params: { id: conversationId }, query: { limit: 50 } }),
        // Markers only decorate the view: without them it still works (no states, no "new messages" marker).
        api.request(getConversation, { params: { id: conversationId } }).catch(() => null),
      ]);
      await this.ingest(page.messages);
      this.hasOlder = page.hasMore;
      if (view) {
        this.readSeq = view.conversation.readSeq;
        this.receipts = view.receipts;
        this.unreadAfter = unreadAfterOnOpen([...this.bySeq.values()], view.conversation.readSeq);
        // Owed before the next message: do it now, while the person reads, not when they press "send".
        if (view.conversation.rotationOwed) void this.rotateNow();
      }
      this.status = "ready";
    } catch (error) {
      this.status = "error";
      this.loadError = codeOf(error);
      this.emit();
      return;
    }
    if (this.stopped) return;
    const after = Math.max(0, ...this.bySeq.keys());
    // Live frames are decrypted strictly in arrival order.
    this.cleanups.push(
      realtime.subscribe(conversationId, after, (message) => {
        this.queue = this.queue.then(() => this.ingest([message])).catch(() => {});
        // This device has it: the sender may see "delivered" (the server forwards it only where the policy says).
        if (message.senderId !== this.deps.self.accountId) realtime.ackReceived(conversationId, message.seq);
      }),
    );
    this.cleanups.push(
      realtime.onReceipt((frame) => {
        if (frame.conversationId !== conversationId || frame.accountId === this.deps.self.accountId) return;
        this.receipts = withReceipt(this.receipts, frame.kind, frame.seq);
        this.emit();
      }),
    );
    this.cleanups.push(
      realtime.onStatus((live) => {
        if (live === "open") void this.retryAll();
        this.emit();
      }),
    );
    this.emit();
  }

  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.retryTimer !== null) (this.deps.clearTimer ?? clearTimeout)(this.retryTimer as number);
    this.retryTimer = null;
  }

  /**
   * Publishes the next epoch through the rotator (one at a time), then loads the epochs again so the next
   * message is sealed under it. Another browser publishing first (409 conflict) counts as done. Returns whether
   * a new epoch is there.
   */
  private rotateNow(): Promise<boolean> {
    const { rotator } = this;
    const { keyring } = this.deps;
    if (!rotator) {
      this.setRotation("waiting");
      return Promise.resolve(false);
    }
    this.rotating ??= (async () => {
      this.setRotation("rotating");
      try {
        await keyring.refresh();
        const previous = keyring.newestRecord();
        if (!previous) throw new CryptoError("unknown_key", "conversation has no epoch");
        await rotator.rotate(previous);
      } catch (error) {
        if (codeOf(error) !== "conflict") {
          this.rotationError = codeOf(error);
          this.setRotation(codeOf(error) === "key_rotation_pending" ? "waiting" : "failed");
          return false;
        }
      } finally {
        this.rotating = null;
      }
      await keyring.refresh().catch(() => {});
      this.rotationError = null;
      this.setRotation("rotated");
      return true;
    })();
    return this.rotating;
  }

  private setRotation(state: RotationState): void {
    this.rotation = state;
    this.emit();
  }

  /** Messages that wait for a rotation or a busy server are tried again after a while (and on reconnect, and on "retry"). */
  private scheduleRetry(): void {
    if (this.retryTimer !== null || this.stopped) return;
    this.retryTimer = (this.deps.setTimer ?? setTimeout)(() => {
      this.retryTimer = null;
      void this.retryAll();
    }, ROTATION_RETRY_MS);
  }

  async loadOlder(): Promise<void> {
    if (!this.hasOlder || this.oldestSeq === null) return;
    const page = await this.deps.api.request(listMessages, {
      params: { id: this.deps.conversationId },
      query: { before: this.oldestSeq, limit: LIMITS.historyPage },
    });
    await this.ingest(page.messages);
    this.hasOlder = page.hasMore;
    this.emit();
  }

  /**
   * Seals and sends a message; attachments are uploaded first. Resolves when
   * the server stored it; on failure the message stays in the outbox with
   * its error (and its text) and the promise rejects.
   */
  async send(text: string, files: SealedFile[] = [], mentions: readonly string[] = []): Promise<void> {
    if (text.trim() === "" && files.length === 0) throw new BodyFormatError("empty message");
    if (text.length > MAX_TEXT_CHARS) throw new BodyFormatError("message too long");
    const body: MessageBody = { v: BODY_VERSION, text, attachments: [] };
    if (mentions.length > 0) body.mentions = [...new Set(mentions)];
    const item: OutgoingMessage = {
      clientMsgId: this.makeId(),
      body,
      state: files.length > 0 ? "uploading" : "sending",
      error: null,
      retryable: true,
      files: [...files],
      envelope: null,
      continues: text.trim() === "" && files.length > 0 ? this.ownNewestId() : null,
    };
    this.outbox.set(item.clientMsgId, item);
    this.emit();
    await this.attempt(item);
  }

  /** Sends a failed message again with the same clientMsgId (and the same sealed envelope). */
  async retry(clientMsgId: string): Promise<void> {
    const item = this.outbox.get(clientMsgId);
    if (!item || item.state !== "failed") return;
    await this.attempt(item);
  }

  /** Drops an unsent message (the UI gives its text back to the editor first). */
  discard(clientMsgId: string): void {
    const item = this.outbox.get(clientMsgId);
    if (item?.state === "failed") {
      this.outbox.delete(clientMsgId);
      this.emit();
    }
  }

  /** Moves the read marker to the newest message shown. */
  markRead(): void {
    const newest = Math.max(0, ...this.bySeq.keys());
    if (newest <= this.readSeq) return;
    this.readSeq = newest;
    const { realtime, api, conversationId } = this.deps;
    if (realtime.status === "open") realtime.markRead(conversationId, newest);
    else void api.request(markRead, { params: { id: conversationId }, body: { seq: newest } }).catch(() => {});
  }

  private async retryAll(): Promise<void> {
    if (this.stopped) return;
    for (const item of [...this.outbox.values()]) {
      if (item.state === "failed" && item.retryable) await this.attempt(item).catch(() => {});
    }
  }

  private async attempt(item: OutgoingMessage): Promise<void> {
    const { api, conversationId } = this.deps;
    try {
      if (item.files.length > 0) {
        item.state = "uploading";
        item.error = null;
        this.emit();
        while (item.files.length > 0) {
          const ref = await uploadSealedFile({
            api,
            conversationId,
            file: item.files[0]!,
            ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
          });
          item.body = { ...item.body, attachments: [...item.body.attachments, ref] };
          item.files.shift();
        }
      }
      item.state = "sending";
      item.error = null;
      this.emit();
      // A rotation under way: the message goes under the epoch it makes.
      if (this.rotating) await this.rotating;
      await this.deliverSealed(item);
    } catch (error) {
      // Its echo came (stored) and then the acknowledgement was lost, e.g. with the connection: sent after all.
      if (this.seen.has(`${toBase64Url(this.deps.self.signing.publicKey)}/${item.clientMsgId}`)) {
        this.outbox.delete(item.clientMsgId);
        this.emit();
        return;
      }
      item.state = "failed";
      item.error = codeOf(error);
      item.retryable =
        error instanceof SendFailure
          ? error.retryable || WAITS_FOR_ROTATION.has(item.error)
          : isRetryableCode(item.error) || WAITS_FOR_ROTATION.has(item.error);
      // Waiting for a new key, or for a server that stayed busy: tried again after a while by itself.
      if (WAITS_FOR_ROTATION.has(item.error) || (item.retryable && item.error === "unavailable")) this.scheduleRetry();
      this.emit();
      throw error;
    }
  }

  /**
   * Seals (once) and delivers. Refused because a new epoch is owed, the browser makes it (if it may) and seals
   * again; refused as sealed under an older epoch (someone else rotated meanwhile), it loads the epochs and
   * seals again. At most twice: the same clientMsgId, since nothing was stored.
   */
  private async deliverSealed(item: OutgoingMessage): Promise<void> {
    const { conversationId, keyring, self } = this.deps;
    for (let round = 0; ; round++) {
      if (item.envelope === null) {
        // The newest epoch is a former staff key's (ADR 0031): a new one first, else wait for someone else's.
        if (keyring.newestNeedsRotation() && !(await this.rotateNow())) {
          throw new SendFailure("epoch_rotation_owed", true);
        }
        // Sealed once: every retry sends the very same bytes under the same clientMsgId.
        const { record, key } = await keyring.latest();
        const sealed = await sealMessage({
          header: {
            conversationId,
            epoch: record.epoch,
            messageId: item.clientMsgId,
            timestamp: this.clock(),
            senderKeyId: self.signing.publicKey,
          },
          plaintext: encodeBody(item.body),
          epochKey: key,
          sender: self.signing,
        });
        if (sealed.length > LIMITS.envelopeBytes) throw new BodyFormatError("message too large");
        item.envelope = toBase64Url(sealed);
      }
      let ack: SendAck;
      try {
        ack = await this.deliverOnce(item);
      } catch (error) {
        const code = codeOf(error);
        if (round >= 2 || !ROTATION_CODES.has(code)) throw error;
        if (code === "epoch_rotation_owed") {
          if (!(await this.rotateNow())) throw error;
        } else await keyring.refresh();
        item.envelope = null;
        continue;
      }
      this.outbox.delete(item.clientMsgId);
      this.remember(self.signing.publicKey, item.clientMsgId, ack.seq);
      if (!this.bySeq.has(ack.seq)) {
        this.bySeq.set(ack.seq, {
          seq: ack.seq,
          id: ack.id,
          senderId: self.accountId,
          createdAt: ack.createdAt,
          own: true,
          body: item.body,
          problem: null,
          edited: false,
          deleted: false,
        });
      }
      if (this.rotation === "waiting" || this.rotation === "failed") this.rotation = "idle";
      this.emit();
      return;
    }
  }

  /** One delivery of the sealed envelope: WebSocket first, HTTP as fallback; a continuation whose target is gone goes alone. */
  private async deliverOnce(item: OutgoingMessage): Promise<SendAck> {
    const { conversationId, realtime } = this.deps;
    const deliver = async (frame: {
      clientMsgId: string;
      conversationId: string;
      envelope: string;
      replacesId?: string;
    }): Promise<SendAck> => {
      for (let pauses = 0; ; pauses++) {
        if (realtime.status !== "open") return this.sendOverHttp(frame);
        try {
          return await realtime.send(frame);
        } catch (error) {
          if (!(error instanceof SendFailure) || !error.retryable) throw error;
          // Busy, not broken: the same server would refuse it over HTTP too. Wait as told, then again.
          if (error.retryAfterMs === null) return this.sendOverHttp(frame);
          if (pauses >= BUSY_RETRIES) throw error;
          await this.pause(error.retryAfterMs * (1 + 0.5 * (this.deps.random ?? Math.random)()));
        }
      }
    };
    const frame = { clientMsgId: item.clientMsgId, conversationId, envelope: item.envelope! };
    try {
      return await deliver(item.continues ? { ...frame, replacesId: item.continues } : frame);
    } catch (error) {
      if (!item.continues || codeOf(error) !== "invalid_body") throw error;
      // The message it continued is gone (e.g. deleted by retention): the files go as a message of their own.
      item.continues = null;
      return deliver(frame);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => (this.deps.setTimer ?? setTimeout)(resolve, ms));
  }

  /** The id of the newest message shown if it is my own (not deleted), else null. */
  private ownNewestId(): string | null {
    const newest = this.bySeq.get(Math.max(0, ...this.bySeq.keys()));
    return newest?.own && !newest.deleted ? newest.id : null;
  }

  private async sendOverHttp(frame: {
    clientMsgId: string;
    conversationId: string;
    envelope: string;
    replacesId?: string;
  }) {
    const answer = await this.deps.api.request(sendMessage, {
      params: { id: frame.conversationId },
      body: {
        clientMsgId: frame.clientMsgId,
        envelope: frame.envelope,
        ...(frame.replacesId ? { replacesId: frame.replacesId } : {}),
      },
    });
    return { seq: answer.seq, id: answer.id, createdAt: answer.createdAt };
  }

  /** Verifies, decrypts and merges messages (any order, duplicates ignored). */
  private async ingest(messages: readonly MessageView[]): Promise<void> {
    const fresh = messages.filter((m) => m.conversationId === this.deps.conversationId && !this.bySeq.has(m.seq));
    const opened = await Promise.all(fresh.map((m) => this.open(m)));
    for (const [index, message] of fresh.entries()) {
      if (this.bySeq.has(message.seq)) continue;
      const result = opened[index]!;
      this.oldestSeq = this.oldestSeq === null ? message.seq : Math.min(this.oldestSeq, message.seq);
      this.place(message, result);
      // One's own message delivered before its acknowledgement (the server fans out on commit): stored, so no
      // longer waiting — shown once, at its seq, not also as "sending".
      if (result.display.own && result.messageId !== null && !result.replayed) this.outbox.delete(result.messageId);
    }
    await this.reopenAfterLearning();
    this.emit();
  }

  private place(message: MessageView, result: { display: DisplayMessage; replayed: boolean }): void {
    if (result.replayed) {
      this.unopened.delete(message.seq);
      this.bySeq.delete(message.seq);
      return;
    }
    if (result.display.problem === "unreadable") this.unopened.set(message.seq, message);
    else this.unopened.delete(message.seq);
    if (message.kind !== "message" && result.display.body) {
      this.bySeq.delete(message.seq);
      this.applyChange(message, result.display);
      return;
    }
    this.bySeq.set(message.seq, result.display);
  }

  /**
   * The trust learned keys (a colleague certified after the page opened, `ConversationTrust.learn`): what did not
   * open is tried again, in order. Each round needs a newly learned key, and each key is learned once: no loop.
   */
  private async reopenAfterLearning(): Promise<void> {
    for (;;) {
      const version = this.deps.trust.version?.() ?? 0;
      if (version === this.trustVersion) return;
      this.trustVersion = version;
      const waiting = [...this.unopened.values()].sort((a, b) => a.seq - b.seq);
      for (const message of waiting) this.place(message, await this.open(message));
    }
  }

  private applyChange(change: MessageView, opened: DisplayMessage): void {
    const target = [...this.bySeq.values()].find((m) => m.id === change.replacesId);
    if (!target || target.senderId !== change.senderId) return;
    if (change.kind === "delete") this.bySeq.set(target.seq, { ...target, body: null, deleted: true });
    else this.bySeq.set(target.seq, { ...target, body: opened.body, edited: true });
  }

  private remember(senderKey: Uint8Array, messageId: string, seq: number): boolean {
    const key = `${toBase64Url(senderKey)}/${messageId}`;
    const first = this.seen.get(key);
    if (first !== undefined && first !== seq) return false;
    this.seen.set(key, seq);
    return true;
  }

  private async open(
    message: MessageView,
  ): Promise<{ display: DisplayMessage; replayed: boolean; messageId: string | null }> {
    const display: DisplayMessage = {
      seq: message.seq,
      id: message.id,
      senderId: message.senderId,
      createdAt: message.createdAt,
      own: message.senderId === this.deps.self.accountId,
      body: null,
      problem: "unreadable",
      edited: false,
      deleted: false,
    };
    let epoch: number | null = null;
    try {
      const blob = fromBase64Url(message.envelope);
      const header = readMessageHeader(blob);
      epoch = header.epoch;
      // The sender key must belong, by verified sources, to the account the server names.
      const { record, key } = await this.deps.keyring.keyFor(header.epoch);
      let { account, formerKey } = this.senderOf(header.senderKeyId, record);
      // Not in the log verified so far: perhaps certified since the page opened (learned once per key).
      if (account === null && (await this.deps.trust.learn?.(header.senderKeyId))) {
        ({ account, formerKey } = this.senderOf(header.senderKeyId, record));
      }
      if (account === null || account !== message.senderId) {
        throw new CryptoError("unknown_key", "sender key does not belong to the sending account");
      }
      const { plaintext } = await openMessage(blob, {
        epochKey: key,
        senderPublicKey: header.senderKeyId,
        conversationId: this.deps.conversationId,
        epoch: header.epoch,
      });
      const { messageId } = header;
      if (!this.remember(header.senderKeyId, messageId, message.seq)) return { display, replayed: true, messageId };
      try {
        const opened = { ...display, body: decodeBody(plaintext), problem: null };
        return { display: formerKey ? { ...opened, formerKey } : opened, replayed: false, messageId };
      } catch {
        return { display: { ...display, problem: "unsupported" }, replayed: false, messageId };
      }
    } catch (error) {
      const noKey =
        error instanceof CryptoError &&
        error.code === "unknown_key" &&
        epoch !== null &&
        this.deps.keyring.lacksOwnWrap(epoch);
      return { display: noKey ? { ...display, problem: "noKey" } : display, replayed: false, messageId: null };
    }
  }

  /** The account a message's signing key belongs to here, by verified sources only; `formerKey` per ADR 0031. */
  private senderOf(senderKey: Uint8Array, record: EpochRecord): { account: string | null; formerKey: boolean } {
    const { trust, keyring } = this.deps;
    // A former client of a re-bound case signs with a key the chain of epochs vouches for (messaging/vouching.ts).
    const account = trust.senderAccountId(senderKey) ?? keyring.formerSender(senderKey);
    if (account !== null || !trust.formerStaffAccount) return { account, formerKey: false };
    // A staff key no longer certified: its person's only under an epoch made while it was (ADR 0031).
    return { account: trust.formerStaffAccount(senderKey, record), formerKey: true };
  }

  private build(): ConversationSnapshot {
    return {
      status: this.status,
      loadError: this.loadError,
      live: this.deps.realtime.status,
      messages: [...this.bySeq.values()].sort((a, b) => a.seq - b.seq),
      outbox: [...this.outbox.values()].map((item) => ({ ...item })),
      hasOlder: this.hasOlder,
      receipts: this.receipts,
      unreadAfter: this.unreadAfter,
      rotation: this.rotation,
      rotationError: this.rotationError,
    };
  }

  private emit(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }
}

export function codeOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof SendFailure) return error.code;
  if (error instanceof CryptoError) return "crypto";
  if (error instanceof BodyFormatError) return "too_large";
  return "crypto";
}
