// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import https from "node:https";
import tls from "node:tls";
import webpush from "web-push";

/** One browser's subscription as the push service gave it (RFC 8030 endpoint, RFC 8291 keys). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSender {
  /** The VAPID public key browsers subscribe with (applicationServerKey). */
  readonly publicKey: string;
  /** Whether the operator allows pushing to this endpoint's host (OBHUT_PUSH_SERVICES). */
  allows(endpoint: string): boolean;
  /** "sent" when the push service accepted it; "gone" on 404/410 (the subscription is dead); throws otherwise. */
  send(target: PushTarget, payload: string): Promise<"sent" | "gone">;
}

/** A push service's refusal or a transport failure, by status or error code only (never the endpoint, which is per person). */
export class PushFailed extends Error {
  constructor(what: string) {
    super(`Push service did not accept the message (${what})`);
    this.name = "PushFailed";
  }
}

/** A pushed notice waits at most a day at the push service: a notice about an older event is pointless. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

/**
 * Web Push through `web-push` (RFC 8030 delivery, RFC 8291 aes128gcm
 * payload encryption, RFC 8292 VAPID). Only https endpoints on the hosts the
 * operator allows are contacted: a subscription's endpoint comes from a
 * browser, and without the list a client could aim the server's requests at
 * its own network. Every notice shares one Topic, so a device that was
 * offline gets the newest one instead of a pile.
 */
export function createPushSender(props: {
  vapid: { publicKey: string; privateKey: string };
  /** mailto: or https: contact for push services (RFC 8292 `sub`). */
  subject: string;
  services: readonly string[];
  caFile?: string | undefined;
}): PushSender {
  const ca = props.caFile ? fs.readFileSync(props.caFile, "utf8") : undefined;
  // Keep the system's roots when an extra CA is given (Node would replace them).
  const agent = new https.Agent({ keepAlive: true, ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}) });
  const allows = (endpoint: string) => endpointAllowed(props.services, endpoint);
  return {
    publicKey: props.vapid.publicKey,
    allows,
    async send(target, payload) {
      if (!allows(target.endpoint)) throw new PushFailed("host not allowed");
      try {
        await webpush.sendNotification(
          { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
          payload,
          {
            vapidDetails: { subject: props.subject, ...props.vapid },
            TTL: PUSH_TTL_SECONDS,
            urgency: "normal",
            topic: "obhut-notice",
            contentEncoding: "aes128gcm",
            agent,
            timeout: 15_000,
          },
        );
        return "sent";
      } catch (err) {
        if (err instanceof webpush.WebPushError) {
          if (err.statusCode === 404 || err.statusCode === 410) return "gone";
          throw new PushFailed(`HTTP ${err.statusCode}`);
        }
        throw new PushFailed((err as NodeJS.ErrnoException).code ?? "error");
      }
    },
  };
}

/** https only, and the host is listed (`*.example` also allows its subdomains). */
export function endpointAllowed(services: readonly string[], endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return services.some((s) => (s.startsWith("*.") ? host.endsWith(s.slice(1)) : host === s));
}

/** RFC 8292 wants a contact: the public https URL, else a mailto: at its host (a development server on http). */
export function vapidSubject(publicUrl: string, from?: string): string {
  if (publicUrl.startsWith("https:")) return publicUrl;
  return `mailto:${from ?? `push@${new URL(publicUrl).hostname}`}`;
}
