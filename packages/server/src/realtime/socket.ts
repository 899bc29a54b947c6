// SPDX-License-Identifier: AGPL-3.0-or-later
import { PROTOCOL_VERSION, WS_CLOSE, WS_PATH, type ServerMessage } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { AppContext } from "../context";
import { findSession } from "../http/session";
import { Connection } from "./connection";
import { ConversationHub } from "./hub";

/** Connections of this node, so shutdown can say goodbye to each one. */
export interface SocketRegistry {
  sockets: Set<WebSocket>;
  /** Closes every socket with "going away" and waits (bounded) until they are gone. */
  drain(timeoutMs: number): Promise<void>;
}

const registries = new WeakMap<FastifyInstance, SocketRegistry>();

export function socketRegistry(app: FastifyInstance): SocketRegistry | undefined {
  return registries.get(app);
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Bus topic on which any node announces ended sessions; every node closes their sockets. */
export const SESSIONS_TOPIC = "sessions";

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
  const hub = new ConversationHub(ctx);
  app.addHook("onClose", async () => {
    unsubscribe();
    hub.close();
  });
  registries.set(app, {
    sockets,
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
    ctx.metrics.websocketsOpen.inc();
    const connection = new Connection(ctx, hub, socket, actor);
    socket.on("close", () => {
      connection.dispose();
      sockets.delete(socket);
      mine.delete(socket);
      if (mine.size === 0) bySession.delete(actor.sessionId);
      ctx.metrics.websocketsOpen.dec();
    });
    socket.on("message", (data, isBinary) => connection.handle(data as Buffer, isBinary));
    send(socket, { type: "hello", protocol: PROTOCOL_VERSION, nodeId: ctx.nodeId });
  });
}
