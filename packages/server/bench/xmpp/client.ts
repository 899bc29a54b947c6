// SPDX-License-Identifier: AGPL-3.0-or-later
import net from "node:net";
import { client, xml, type Client, type Element } from "@xmpp/client";
import { runInBatches } from "../harness";
import type { XmppServer } from "./servers";

export const PASSWORD = "bench-password-1";

/**
 * Body of a benchmark message: the message number, a `|`, then padding up to
 * `size` bytes. XMPP carries text, so the number is in the clear where the
 * Obhut bench hides it in the first 8 bytes of the (base64url) envelope.
 */
export function bodyFor(n: number, size: number): string {
  const head = `${n}|`;
  return head + "x".repeat(Math.max(0, size - head.length));
}

/** The message number of a body made by {@link bodyFor}, or undefined for anything else. */
export function numberOfBody(body: string | null | undefined): number | undefined {
  if (!body) return undefined;
  const bar = body.indexOf("|");
  if (bar <= 0) return undefined;
  const n = Number(body.slice(0, bar));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A `<message>` stanza as a string: the generator writes raw XML to skip building an element per send. */
export function messageStanza(to: string, type: "chat" | "groupchat", id: string, body: string): string {
  return `<message xmlns="jabber:client" to="${to}" type="${type}" id="${id}"><body>${body}</body></message>`;
}

/**
 * Creates accounts by in-band registration (XEP-0077) on unauthenticated
 * streams, like a client's "create account" — `prosodyctl register` /
 * `ejabberdctl register` start a whole runtime per account and would take
 * minutes for 1,000 users. Not measured.
 */
export async function registerUsers(server: XmppServer, names: string[]): Promise<void> {
  await runInBatches(names, 25, (name) => registerOne(server, name));
}

function registerOne(server: XmppServer, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let buffer = "";
    let sent = false;
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`registration of ${name} failed: ${why}`));
    };
    const timer = setTimeout(() => fail(`timeout; got ${buffer.slice(-500)}`), 30_000);
    socket.setEncoding("utf8");
    socket.on("error", (e) => fail(String(e)));
    socket.on("connect", () =>
      socket.write(
        `<?xml version='1.0'?><stream:stream to='${server.domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`,
      ),
    );
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      if (!sent && buffer.includes("</stream:features>")) {
        sent = true;
        socket.write(
          `<iq type='set' id='reg1'><query xmlns='jabber:iq:register'><username>${name}</username><password>${PASSWORD}</password></query></iq>`,
        );
      }
      const reply = /<iq[^>]*id=['"]reg1['"][^>]*>/.exec(buffer)?.[0];
      if (reply) {
        clearTimeout(timer);
        socket.end("</stream:stream>");
        if (/type=['"]result['"]/.test(reply)) resolve();
        else fail(buffer.slice(buffer.indexOf(reply), buffer.indexOf(reply) + 500));
      }
    });
  });
}

/** Logs a registered user in (SASL PLAIN over loopback, like the Obhut bench's pre-made sessions) and sends initial presence. */
export async function connectUser(server: XmppServer, name: string, resource = "bench"): Promise<Client> {
  const c = client({
    service: `xmpp://127.0.0.1:${server.port}`,
    domain: server.domain,
    resource,
    credentials: (authenticate, mechanisms) =>
      authenticate({ username: name, password: PASSWORD }, mechanisms.includes("PLAIN") ? "PLAIN" : mechanisms[0]!),
  });
  c.reconnect.stop();
  // @xmpp/connection gives a stream 2 s to open; a loaded 2-core box with hundreds of logins in flight needs more.
  (c as unknown as { timeout: number }).timeout = 30_000;
  // Errors surface through the workloads' counters; an unhandled "error" event would crash the generator.
  c.on("error", () => {});
  await c.start();
  // Like `ws` in the Obhut bench: no Nagle delay on small frames.
  (c as unknown as { socket?: { setNoDelay?: (on: boolean) => void } }).socket?.setNoDelay?.(true);
  await c.send(xml("presence"));
  return c;
}

export async function disconnect(c: Client): Promise<void> {
  await Promise.race([c.stop().catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
}

export interface MamPage {
  /** Messages in this page, oldest first, as [archive id, body]. */
  items: { id: string; body: string | null }[];
  complete: boolean;
  last?: string;
}

/**
 * One MAM (XEP-0313, urn:xmpp:mam:2) query. `before: ""` asks for the latest
 * page; `after` continues after an archive id. `to` is the archive (own
 * account when undefined, or a MUC room).
 */
export async function mamQuery(
  c: Client,
  o: { to?: string; with?: string; max: number; after?: string; before?: string },
): Promise<MamPage> {
  const queryid = `q${Math.random().toString(36).slice(2)}`;
  const items: MamPage["items"] = [];
  const onStanza = (s: Element) => {
    const result = s.is("message") ? s.getChild("result", "urn:xmpp:mam:2") : undefined;
    if (!result || result.attrs.queryid !== queryid) return;
    const inner = result.getChild("forwarded", "urn:xmpp:forward:0")?.getChild("message");
    items.push({ id: result.attrs.id!, body: inner?.getChildText("body") ?? null });
  };
  c.on("stanza", onStanza);
  try {
    const fields = [xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, "urn:xmpp:mam:2"))];
    if (o.with) fields.push(xml("field", { var: "with" }, xml("value", {}, o.with)));
    const set = xml("set", { xmlns: "http://jabber.org/protocol/rsm" }, xml("max", {}, String(o.max)));
    if (o.after !== undefined) set.children.push(xml("after", {}, o.after));
    if (o.before !== undefined) set.children.push(o.before === "" ? xml("before") : xml("before", {}, o.before));
    const res = await c.iqCaller.request(
      xml(
        "iq",
        { type: "set", to: o.to },
        xml(
          "query",
          { xmlns: "urn:xmpp:mam:2", queryid },
          xml("x", { xmlns: "jabber:x:data", type: "submit" }, ...fields),
          set,
        ),
      ),
      60_000,
    );
    const fin = res.getChild("fin", "urn:xmpp:mam:2");
    return {
      items,
      complete: fin?.attrs.complete === "true",
      last: fin?.getChild("set", "http://jabber.org/protocol/rsm")?.getChildText("last") ?? undefined,
    };
  } finally {
    c.removeListener("stanza", onStanza);
  }
}

/** Round trip that the server answers only after it has handled every earlier stanza of this stream. */
export async function ping(c: Client, domain: string): Promise<void> {
  await c.iqCaller.request(xml("iq", { type: "get", to: domain }, xml("ping", { xmlns: "urn:xmpp:ping" })), 120_000);
}
