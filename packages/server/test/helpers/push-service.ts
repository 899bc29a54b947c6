// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { makeTestCa } from "./smtp";

/**
 * A local RFC 8030 push service for tests: an HTTPS server (test CA) that
 * accepts `POST /push/<id>` and, for the subscriptions a test made with
 * `subscribe()` — an ECDH P-256 key pair and a 16-byte auth secret, as a
 * browser makes them — decrypts each message (RFC 8291, aes128gcm, RFC
 * 8188) so the test can read exactly what the push service and the device
 * received. `answer` sets the status it replies with (201; 410 for "gone").
 */
export interface ReceivedPush {
  subscription: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload (utf-8). */
  plaintext: string;
  /** The bytes on the wire. */
  body: Buffer;
}

export interface BrowserSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushService {
  port: number;
  caFile: string;
  /** Configuration for an Obhut server allowed to push here. */
  env(): Record<string, string>;
  subscribe(): BrowserSubscription;
  received(): ReceivedPush[];
  /** Resolves once `n` pushes arrived (watching, not sleeping). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  answer(status: number): void;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obhut-push-"));
  const tls = makeTestCa(dir);
  const browsers = new Map<string, { ecdh: crypto.ECDH; auth: Buffer }>();
  const pushes: ReceivedPush[] = [];
  const waiters = new Set<() => void>();
  let status = 201;

  const server = https.createServer(
    { key: fs.readFileSync(tls.keyFile), cert: fs.readFileSync(tls.certFile) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "")?.[1];
        const browser = id ? browsers.get(id) : undefined;
        if (req.method !== "POST" || !id || !browser) {
          res.writeHead(404).end();
          return;
        }
        if (status >= 200 && status < 300) {
          const body = Buffer.concat(chunks);
          pushes.push({ subscription: id, headers: req.headers, body, plaintext: decrypt(body, browser) });
          for (const w of waiters) w();
        }
        res.writeHead(status).end();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    caFile: tls.caFile,
    env: () => ({ OBHUT_PUSH_SERVICES: "127.0.0.1", OBHUT_PUSH_CA_FILE: tls.caFile }),
    subscribe() {
      const id = crypto.randomBytes(12).toString("base64url");
      const ecdh = crypto.createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = crypto.randomBytes(16);
      browsers.set(id, { ecdh, auth });
      return {
        id,
        endpoint: `https://127.0.0.1:${port}/push/${id}`,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
      };
    },
    received: () => [...pushes],
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pushes.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve([...pushes]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${n} pushes, got ${pushes.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    answer(next) {
      status = next;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * RFC 8291 §3.4 and RFC 8188, as the receiving browser does it: the header
 * carries salt, record size and the sender's ephemeral public key; the
 * content key and nonce come from HKDF over the ECDH secret and the auth
 * secret; one record, AES-128-GCM, ending in the 0x02 delimiter and padding.
 */
function decrypt(body: Buffer, browser: { ecdh: crypto.ECDH; auth: Buffer }): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = browser.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(crypto.hkdfSync("sha256", shared, browser.auth, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  const end = padded.lastIndexOf(2);
  if (end < 0 || padded.subarray(end + 1).some((b) => b !== 0)) throw new Error("bad padding");
  return padded.subarray(0, end).toString("utf8");
}
