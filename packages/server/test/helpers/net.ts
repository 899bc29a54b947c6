// SPDX-License-Identifier: AGPL-3.0-or-later
import WebSocket from "ws";
import type { Send } from "./opaque-client";

export function fetchSend(base: string, cookie?: () => string | undefined): Send {
  return async (method, p, body, headers = {}) => {
    const c = cookie?.();
    const res = await fetch(base + p, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(c ? { cookie: c } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    const h: Record<string, string | string[]> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length) h["set-cookie"] = setCookie;
    return { status: res.status, body: parsed, headers: h };
  };
}

export function openSocket(
  url: string,
  cookie: string,
): Promise<{ ws: WebSocket; messages: unknown[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + "/ws", { headers: { cookie } });
    const messages: unknown[] = [];
    const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString()) as { type: string };
      messages.push(msg);
      if (msg.type === "hello") resolve({ ws, messages, closed });
    });
    ws.on("error", reject);
  });
}
