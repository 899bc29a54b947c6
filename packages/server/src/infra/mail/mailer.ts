// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import tls from "node:tls";
import nodemailer from "nodemailer";
import type { SmtpConfig } from "../config/config";

/** One content-free notice: both parts are written by modules/notifications/templates.ts. */
export interface OutgoingMail {
  to: string;
  /** The display name of the sender (the organisation's neutral name); the address is the operator's. */
  senderName: string;
  subject: string;
  text: string;
  html: string;
  language: "de" | "en";
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Connects, negotiates TLS and logs in without sending (obhut doctor). */
  verify(): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer. TLS is never optional unless the operator chose
 * `plaintext`: `tls` is implicit TLS, `starttls` refuses a server that does
 * not offer STARTTLS (nodemailer's `requireTLS`). Certificates are verified
 * against the system CAs plus an optional extra CA file. With a DKIM
 * selector and key every notice is signed (ADR 0041).
 */
export function createMailer(smtp: SmtpConfig): Mailer {
  const ca = smtp.caFile ? fs.readFileSync(smtp.caFile, "utf8") : undefined;
  // Read once at start: a missing or unreadable key stops the server instead of sending unsigned mail.
  const dkim = smtp.dkim
    ? {
        domainName: smtp.dkim.domain,
        keySelector: smtp.dkim.selector,
        privateKey: fs.readFileSync(smtp.dkim.keyFile, "utf8"),
      }
    : undefined;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "plaintext",
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    tls: {
      minVersion: "TLSv1.2",
      rejectUnauthorized: true,
      // Keep the system's roots when an extra CA is given (Node would replace them).
      ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}),
    },
    // DKIM (optional): nodemailer signs headers and body with the operator's key (RFC 6376).
    ...(dkim ? { dkim } : {}),
    // A pool of kept-open connections: a burst of notices (a channel post to thousands) no longer pays a TCP and
    // TLS handshake and a login per mail; idle connections close on their own and at shutdown.
    pool: true,
    maxConnections: 2,
    maxMessages: 500,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // Nothing about recipients or content in nodemailer's own logs.
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: { name: mail.senderName, address: smtp.from },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { "Content-Language": mail.language, "Auto-Submitted": "auto-generated" },
      });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
