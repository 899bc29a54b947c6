// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser, type ParsedMail } from "mailparser";

// No import from ./databases: the browser tests (packages/e2e) start this SMTP server too, without a database.
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "smtp-server.mjs");

/** A test CA and a server certificate for 127.0.0.1/localhost signed by it (openssl, generated per test file). */
export function makeTestCa(dir: string): { caFile: string; keyFile: string; certFile: string } {
  const f = (name: string) => path.join(dir, name);
  const run = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  run(
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2"].concat([
      "-subj",
      "/CN=Obhut Test CA",
      "-keyout",
      f("ca.key"),
      "-out",
      f("ca.pem"),
    ]),
  );
  run(
    ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
      "-subj",
      "/CN=localhost",
      "-keyout",
      f("server.key"),
      "-out",
      f("server.csr"),
    ]),
  );
  fs.writeFileSync(f("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  run(
    ["x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"), "-CAcreateserial"].concat([
      "-days",
      "2",
      "-extfile",
      f("ext.cnf"),
      "-out",
      f("server.pem"),
    ]),
  );
  return { caFile: f("ca.pem"), keyFile: f("server.key"), certFile: f("server.pem") };
}

export interface SmtpProcess {
  port: number;
  caFile: string;
  user: string;
  password: string;
  /** Configuration for an Obhut server sending through this SMTP server. */
  env(): Record<string, string>;
  /** The mails received so far, parsed, oldest first. */
  mails(): Promise<(ParsedMail & { raw: string })[]>;
  /** Resolves once at least `n` mails are there (or fails after `timeoutMs`). */
  waitForMails(n: number, timeoutMs?: number): Promise<(ParsedMail & { raw: string })[]>;
  /** Stops the process: the port refuses connections (SMTP down). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** Starts smtp-server.mjs as a child process with STARTTLS and a test CA. */
export async function startSmtpServer(options: { noTls?: boolean } = {}): Promise<SmtpProcess> {
  const dir = tempDir("obhut-smtp-");
  const out = path.join(dir, "mail");
  fs.mkdirSync(out);
  const tls = makeTestCa(dir);
  const user = "obhut";
  const password = "smtp-test-password";
  let child: ChildProcess | undefined;
  let port = 0;

  async function start(): Promise<void> {
    const proc = spawn(process.execPath, [SCRIPT], {
      env: {
        ...process.env,
        OUT_DIR: out,
        KEY_FILE: tls.keyFile,
        CERT_FILE: tls.certFile,
        PORT: String(port),
        SMTP_USER: user,
        SMTP_PASSWORD: password,
        NO_TLS: options.noTls ? "true" : "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let output = "";
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SMTP server did not start:\n${output}`)), 15_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /listening (\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      proc.stdout!.on("data", onData);
      proc.stderr!.on("data", onData);
      proc.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`SMTP server exited (${code}):\n${output}`));
      });
    });
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.on("exit", resolve));
    proc.kill("SIGKILL");
    await exited;
  }

  async function mails() {
    const names = fs
      .readdirSync(out)
      .filter((n) => n.endsWith(".eml"))
      .sort();
    return Promise.all(
      names.map(async (n) => {
        const raw = fs.readFileSync(path.join(out, n), "utf8");
        return Object.assign(await simpleParser(raw), { raw });
      }),
    );
  }

  await start();
  return {
    get port() {
      return port;
    },
    caFile: tls.caFile,
    user,
    password,
    env: () => ({
      OBHUT_SMTP_HOST: "localhost",
      OBHUT_SMTP_PORT: String(port),
      OBHUT_SMTP_SECURITY: "starttls",
      OBHUT_SMTP_USER: user,
      OBHUT_SMTP_PASSWORD: password,
      OBHUT_SMTP_FROM: "hinweis@beratung.example",
      OBHUT_SMTP_CA_FILE: tls.caFile,
    }),
    mails,
    async waitForMails(n, timeoutMs = 10_000) {
      // Watches the folder for the next rename instead of sleeping between looks.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Watch first, then look: a mail that lands in between still wakes us.
        let wake: () => void = () => undefined;
        const changed = new Promise<void>((resolve) => (wake = resolve));
        const watcher = fs.watch(out, () => wake());
        try {
          const got = await mails();
          if (got.length >= n) return got;
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`expected ${n} mail(s), got ${got.length}`);
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([changed, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
          clearTimeout(timer);
        } finally {
          watcher.close();
        }
      }
    },
    stop,
    start,
    async destroy() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
