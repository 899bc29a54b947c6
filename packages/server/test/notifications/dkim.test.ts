// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/infra/config/config";
import { createMailer } from "../../src/infra/mail/mailer";
import { tempDir } from "../helpers/databases";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";

/**
 * DKIM signing of notices (ADR 0041): with a selector and a key file every
 * mail leaves signed (nodemailer's dkim option); the test checks the
 * signature itself against the public key, with the relaxed canonicalisation
 * of RFC 6376 §3.4, as a receiving server would after its DNS lookup.
 */
const base = { OBHUT_SMTP_HOST: "mail.example", OBHUT_SMTP_FROM: "hinweis@beratung.example" };

describe("DKIM configuration", () => {
  it("signs for the sender's domain unless another is named; selector and key come together", () => {
    const env = { ...base, OBHUT_SMTP_DKIM_SELECTOR: "obhut1", OBHUT_SMTP_DKIM_KEY_FILE: "dkim.pem" };
    expect(loadConfig({}, env, "/etc/obhut").smtp?.dkim).toEqual({
      domain: "beratung.example",
      selector: "obhut1",
      keyFile: "/etc/obhut/dkim.pem",
    });
    expect(loadConfig({}, { ...env, OBHUT_SMTP_DKIM_DOMAIN: "example.org" }).smtp?.dkim?.domain).toBe("example.org");
    expect(loadConfig({}, base).smtp?.dkim).toBeUndefined();
    expect(() => loadConfig({}, { ...base, OBHUT_SMTP_DKIM_SELECTOR: "obhut1" })).toThrow(ConfigError);
    expect(() => loadConfig({}, { ...env, OBHUT_SMTP_DKIM_SELECTOR: "bad selector" })).toThrow(/DNS label/);
  });
});

function relaxedHeader(line: string): string {
  const i = line.indexOf(":");
  const name = line.slice(0, i).trim().toLowerCase();
  const value = line
    .slice(i + 1)
    .replace(/\r\n(?=[ \t])/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
  return `${name}:${value}`;
}

function relaxedBody(body: string): string {
  const lines = body.split("\r\n").map((l) => l.replace(/[ \t]+/g, " ").replace(/ $/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? "" : `${lines.join("\r\n")}\r\n`;
}

describe("a notice signed with DKIM", () => {
  let smtp: SmtpProcess;
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.destroy();
  });

  it("carries a DKIM-Signature that verifies against the public key, over headers and body", async () => {
    const keyFile = path.join(tempDir("obhut-dkim-"), "dkim.pem");
    fs.writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    const config = loadConfig(
      {},
      { ...smtp.env(), OBHUT_SMTP_DKIM_SELECTOR: "obhut1", OBHUT_SMTP_DKIM_KEY_FILE: keyFile },
    );
    const mailer = createMailer(config.smtp!);
    await mailer.send({
      to: "klient@example.org",
      senderName: "Ihre Beratungsstelle",
      subject: "Es gibt eine neue Antwort",
      text: "Es gibt eine neue Antwort für Sie.\n",
      html: "<p>Es gibt eine neue Antwort für Sie.</p>",
      language: "de",
    });
    mailer.close();
    const [mail] = await smtp.waitForMails(1);
    const raw = mail!.raw.replace(/\r?\n/g, "\r\n");
    const split = raw.indexOf("\r\n\r\n");
    const headerBlock = raw.slice(0, split);
    const body = raw.slice(split + 4);
    const headers = headerBlock.split(/\r\n(?![ \t])/);
    const sigLine = headers.find((h) => /^dkim-signature:/i.test(h));
    expect(sigLine).toBeDefined();
    const tags = Object.fromEntries(
      relaxedHeader(sigLine!)
        .slice("dkim-signature:".length)
        .split(";")
        .map((t) => t.trim())
        .filter(Boolean)
        .map((t) => [t.slice(0, t.indexOf("=")), t.slice(t.indexOf("=") + 1).replace(/\s+/g, "")]),
    ) as Record<string, string>;
    expect(tags).toMatchObject({ d: "beratung.example", s: "obhut1", a: "rsa-sha256", c: "relaxed/relaxed" });

    // The body hash (bh=) over the relaxed body.
    expect(crypto.createHash("sha256").update(relaxedBody(body)).digest("base64")).toBe(tags.bh);
    // The signature (b=) over the signed headers, the last of each name first, then the signature header without b.
    const remaining = [...headers];
    const signed = tags
      .h!.split(":")
      .map((name) => {
        const at = remaining
          .map((h) => h.slice(0, h.indexOf(":")).trim().toLowerCase())
          .lastIndexOf(name.toLowerCase());
        if (at < 0) return null;
        const [h] = remaining.splice(at, 1);
        return `${relaxedHeader(h!)}\r\n`;
      })
      .filter((h): h is string => h !== null)
      .join("");
    // The signature header itself, its b= value emptied (bh= stays).
    const unsigned = relaxedHeader(sigLine!).replace(/([:;] ?)b=[^;]*/, "$1b=");
    const data = signed + unsigned;
    expect(crypto.verify("sha256", Buffer.from(data), publicKey, Buffer.from(tags.b!, "base64"))).toBe(true);
  });
});
