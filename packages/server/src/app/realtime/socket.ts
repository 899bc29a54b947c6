// SPDX-License-Identifier: AGPL-3.0-or-later
import { CaseState, PROTOCOL_VERSION, WS_CLOSE, WS_PATH, type ServerMessage } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { AppContext } from "../../core/context";
import { isAllowedOrigin } from "../http/origin";
import { findSession, openSessionIds, SESSIONS_TOPIC } from "../../modules/identity";
import { CASES_TOPIC } from "../../modules/cases";
import { CONVERSATIONS_TOPIC } from "../../modules/messaging";
import { Connection } from "./connection";
import { ConversationHub } from "./hub";
import { WS_LIMITS } from "./limits";
import { PresenceHub } from "./presence";
import { createMemoryPresenceStore, createRedisPresenceStore } from "./presence-store";

/** Connections of this node, so shutdown can say goodbye to each one. */
export interface SocketRegistry {
  sockets: Set<WebSocket>;
  /** Closes every socket with "going away" and waits (bounded) until they are gone. */
  drain(timeoutMs: number): Promise<void>;
  /** Closes the sockets whose session has ended (revoked, disabled, past its absolute or idle end); returns how many. */
  recheckSessions(): Promise<number>;
  /** One presence heartbeat now (it also runs every `WS_LIMITS.presenceHeartbeatMs`); tests pair it with a moved clock. */
  presenceTick(): Promise<void>;
}

/**
 * How often open sockets re-check their session in the database. The bus
 * closes them at once when a node ends a session; this catches what the bus
 * cannot see (e.g. `obhut admin deactivate` run as a separate process, or a
 * lost Redis message), so revocation takes effect within seconds regardless.
 */
export const SESSION_RECHECK_MS = 5_000;

const registries = new WeakMap<FastifyInstance, SocketRegistry>();

export function socketRegistry(app: FastifyInstance): SocketRegistry | undefined {
  return registries.get(app);
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export { SESSIONS_TOPIC };

export async function registerRealtime(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const sockets = new Set<WebSocket>();
  const bySession = new Map<string, Set<WebSocket>>();
  const unsubscribe = ctx.bus.subscribe(SESSIONS_TOPIC, (event) => {
    if (event.type !== "session.ended" || typeof event.sessionId !== "string") return;
    for (const socket of bySession.get(event.sessionId) ?? []) {
      send(socket, { type: "going_away", reason: "session_ended" });
      socket.close(WS_CLOSE.sessionRevoked, "session ended");
    }
  });
  await unsubscribe.ready;
  // Case changes go to accounts, not conversations: every open socket of a listed account gets the frame.
  const byAccount = new Map<string, Set<WebSocket>>();
  const unsubscribeCases = ctx.bus.subscribe(CASES_TOPIC, (event) => {
    const state = CaseState.safeParse(event.state);
    if (event.type !== "case" || !Array.isArray(event.accountIds) || !state.success) return;
    const frame: ServerMessage = {
      type: "case",
      caseId: String(event.caseId),
      state: state.data,
      assigneeId: typeof event.assigneeId === "string" ? event.assigneeId : null,
      teamId: String(event.teamId),
    };
    for (const accountId of event.accountIds as unknown[])
      for (const socket of byAccount.get(String(accountId)) ?? []) send(socket, frame);
  });
  await unsubscribeCases.ready;
  // A staff chat started or titled: its members (not the one who did it) see it in their lists without reloading.
  const unsubscribeConversations = ctx.bus.subscribe(CONVERSATIONS_TOPIC, (event) => {
    const kind = event.kind === "team" || event.kind === "direct" ? event.kind : null;
    const change = event.change === "added" || event.change === "title" ? event.change : null;
    if (event.type !== "conversation_updated" || !Array.isArray(event.accountIds) || !kind || !change) return;
    const frame: ServerMessage = {
      type: "conversation_updated",
      conversationId: String(event.conversationId),
      kind,
      change,
    };
    for (const accountId of event.accountIds as unknown[])
      for (const socket of byAccount.get(String(accountId)) ?? []) send(socket, frame);
  });
  await unsubscribeConversations.ready;
  const hub = new ConversationHub(ctx);
  // Presence lives in Redis when nodes share one (scale-out), in this process otherwise.
  const presenceOptions = { nodeId: ctx.nodeId, clock: ctx.clock, ttlMs: WS_LIMITS.presenceTtlMs };
  const presenceStore = ctx.config.redisUrl
    ? await createRedisPresenceStore(ctx.config.redisUrl, {
        ...presenceOptions,
        onError: (err) => ctx.logger.warn({ err: { name: err.name, message: err.message } }, "presence store problem"),
      })
    : createMemoryPresenceStore(presenceOptions);
  const presence = new PresenceHub(ctx, presenceStore, WS_LIMITS.presenceHeartbeatMs);
  await presence.start();

  const endSession = (sessionId: string) => {
    for (const socket of bySession.get(sessionId) ?? []) {
      send(socket, { type: "going_away", reason: "session_ended" });
      socket.close(WS_CLOSE.sessionRevoked, "session ended");
    }
  };
  const recheckSessions = async (): Promise<number> => {
    const ids = [...bySession.keys()];
    let ended = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const aliveIds = await openSessionIds(ctx, batch);
      for (const id of batch) {
        if (!aliveIds.has(id)) {
          endSession(id);
          ended += 1;
        }
      }
    }
    return ended;
  };
  let rechecking = false;
  const timer = setInterval(() => {
    if (rechecking || bySession.size === 0) return;
    rechecking = true;
    recheckSessions()
      .catch((err: Error) =>
        ctx.logger.warn({ err: { name: err.name, message: err.message } }, "session re-check failed"),
      )
      .finally(() => (rechecking = false));
  }, SESSION_RECHECK_MS);
  timer.unref();

  app.addHook("onClose", async () => {
    clearInterval(timer);
    unsubscribe();
    unsubscribeCases();
    unsubscribeConversations();
    hub.close();
    await presence.close();
  });
  registries.set(app, {
    sockets,
    recheckSessions,
    presenceTick: () => presence.tick(),
    drain: async (timeoutMs) => {
      const closed = [...sockets].map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.once("close", () => resolve());
            send(socket, { type: "going_away", reason: "shutdown" });
            socket.close(WS_CLOSE.serverShutdown, "server shutting down");
          }),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(closed), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
      for (const socket of sockets) socket.terminate();
    },
  });

  app.get(WS_PATH, { websocket: true, config: { rateClass: "api" } }, async (socket, request) => {
    // Cross-site WebSocket hijacking: a page of another origin (even of the same site, which the
    // SameSite cookie lets through) gets 4403 before the session is looked up, and never a frame.
    // 4403 is terminal for the web client: it does not reconnect.
    if (!isAllowedOrigin(ctx.config, request.headers.origin)) {
      socket.close(WS_CLOSE.sessionRevoked, "origin not allowed");
      return;
    }
    const actor = await findSession(ctx, request);
    // A session that still owes its second factor may only finish MFA over HTTP, never message.
    if (!actor || actor.mfaPending) {
      socket.close(WS_CLOSE.unauthenticated, "unauthenticated");
      return;
    }
    sockets.add(socket);
    let mine = bySession.get(actor.sessionId);
    if (!mine) bySession.set(actor.sessionId, (mine = new Set()));
    mine.add(socket);
    let ofAccount = byAccount.get(actor.accountId);
    if (!ofAccount) byAccount.set(actor.accountId, (ofAccount = new Set()));
    ofAccount.add(socket);
    ctx.metrics.websocketsOpen.inc();
    const connection = new Connection(ctx, hub, socket, actor, presence);
    socket.on("close", () => {
      connection.dispose();
      sockets.delete(socket);
      mine.delete(socket);
      if (mine.size === 0) bySession.delete(actor.sessionId);
      ofAccount.delete(socket);
      if (ofAccount.size === 0) byAccount.delete(actor.accountId);
      ctx.metrics.websocketsOpen.dec();
    });
    socket.on("message", (data, isBinary) => connection.handle(data as Buffer, isBinary));
    send(socket, { type: "hello", protocol: PROTOCOL_VERSION, nodeId: ctx.nodeId });
  });
}
