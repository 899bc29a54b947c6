// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, type SmtpConfig } from "../../src/infra/config/config";
import { createMailer } from "../../src/infra/mail/mailer";
import { composeNotice } from "../../src/modules/notifications/templates";
import { makeTestCa, startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { tempDir } from "../helpers/databases";

/** SMTP settings, TLS that cannot be skipped, and the words of a notice (ADR 0034). */
describe("SMTP configuration", () => {
  const base = { OBHUT_SMTP_HOST: "mail.example", OBHUT_SMTP_FROM: "hinweis@beratung.example" };

  it("requires STARTTLS by default on port 587, implicit TLS uses 465, off without a host", () => {
    expect(loadConfig({}, base).smtp).toMatchObject({ security: "starttls", port: 587, from: base.OBHUT_SMTP_FROM });
    expect(loadConfig({}, { ...base, OBHUT_SMTP_SECURITY: "tls" }).smtp).toMatchObject({ security: "tls", port: 465 });
    expect(loadConfig({}, {}).smtp).toBeUndefined();
  });

  it("refuses a host without sender, a user without password and an unknown security mode", () => {
    expect(() => loadConfig({}, { OBHUT_SMTP_HOST: "mail.example" })).toThrow(ConfigError);
    expect(() => loadConfig({}, { ...base, OBHUT_SMTP_USER: "u" })).toThrow(/OBHUT_SMTP_PASSWORD/);
    expect(() => loadConfig({}, { ...base, OBHUT_SMTP_SECURITY: "none" })).toThrow(/tls, starttls or plaintext/);
  });
});

describe("the mailer does not send without verified TLS", () => {
  let plain: SmtpProcess;
  let tls: SmtpProcess;
  beforeAll(async () => {
    [plain, tls] = await Promise.all([startSmtpServer({ noTls: true }), startSmtpServer()]);
  });
  afterAll(async () => {
    await plain?.destroy();
    await tls?.destroy();
  });

  const mail = {
    to: "klient@example.org",
    senderName: "Ihre Beratungsstelle",
    subject: "Es gibt eine neue Antwort",
    text: "x",
    html: "<p>x</p>",
    language: "de" as const,
  };
  const smtpOf = (s: SmtpProcess, over: Partial<SmtpConfig> = {}): SmtpConfig => ({
    host: "localhost",
    port: s.port,
    security: "starttls",
    user: s.user,
    password: s.password,
    from: "hinweis@beratung.example",
    caFile: s.caFile,
    dkim: undefined,
    ...over,
  });

  it("refuses a server that offers no STARTTLS; sends to it only when plaintext was chosen", async () => {
    await expect(createMailer(smtpOf(plain)).send(mail)).rejects.toThrow();
    expect(await plain.mails()).toHaveLength(0);
    await createMailer(smtpOf(plain, { security: "plaintext" })).send(mail);
    expect(await plain.waitForMails(1)).toHaveLength(1);
  });

  it("refuses a certificate from a CA it was not given", async () => {
    const otherCa = makeTestCa(tempDir("obhut-ca-"));
    await expect(createMailer(smtpOf(tls, { caFile: otherCa.caFile })).send(mail)).rejects.toThrow();
    await expect(createMailer(smtpOf(tls, { caFile: undefined })).send(mail)).rejects.toThrow();
    expect(await tls.mails()).toHaveLength(0);
    await createMailer(smtpOf(tls)).verify();
  });
});

describe("notice texts", () => {
  it("address the person in their form and language and escape the sender name in HTML", () => {
    const link = "https://obhut.example/";
    const du = composeNotice({ kind: "new_answer", language: "de", form: "informal", senderName: "A & B", link });
    expect(du.subject).toBe("Es gibt eine neue Antwort");
    expect(du.text).toContain("für dich");
    expect(du.html).toContain('<html lang="de">');
    expect(du.html).toContain("A &amp; B");
    const sie = composeNotice({ kind: "new_answer", language: "de", form: "formal", senderName: "X", link });
    expect(sie.text).toContain("für Sie");
    const en = composeNotice({ kind: "new_enquiry", language: "en", form: "formal", senderName: "X", link });
    expect(en.subject).toBe("A new enquiry");
    expect(en.html).toContain('<html lang="en">');
  });
});
