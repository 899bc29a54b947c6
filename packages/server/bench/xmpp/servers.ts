// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sleep } from "../stats";

/**
 * Starts Prosody or ejabberd from the Debian packages as a child process with
 * its own config and data in a temp dir, listening for c2s on a free loopback
 * port. It never touches /etc/prosody, /etc/ejabberd or the system services.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const XMPP_SERVERS = ["prosody", "ejabberd"] as const;
export type XmppServerKind = (typeof XMPP_SERVERS)[number];

export interface XmppServer {
  kind: XmppServerKind;
  version: string;
  domain: string;
  mucDomain: string;
  port: number;
  pid: number;
  dir: string;
  /** SQLite file holding accounts and the MAM archive. */
  database: string;
  stop(): Promise<void>;
}

/** Fills `{{NAME}}` placeholders; throws on a placeholder without a value so a typo cannot start a half-configured server. */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}}`);
    return String(values[name]);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function need(bin: string, pkg: string): string {
  for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/usr/bin"])) {
    const p = path.join(dir, bin);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${bin} not found: install the Debian package first (apt-get install -y ${pkg})`);
}

export function serverVersion(kind: XmppServerKind): string {
  const pkg = kind === "prosody" ? "prosody" : "ejabberd";
  try {
    return execFileSync("dpkg-query", ["-W", "-f", "${Version}", pkg], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

export interface StartOptions {
  /**
   * "wal" (default) creates the SQLite file in WAL mode before the server opens it, the journal mode
   * Obhut uses; both servers keep SQLite's default synchronous=FULL, as Obhut does, so every commit is
   * fsynced. "default" leaves the file to the server: rollback journal, several fsyncs per commit.
   */
  journal: "wal" | "default";
}

/** An empty SQLite file in WAL mode (the mode is stored in the file, so the server's connections inherit it). */
function createWalDatabase(file: string): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}

export async function startXmppServer(kind: XmppServerKind, options: StartOptions): Promise<XmppServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `obhut-xmpp-${kind}-`));
  const port = await freePort();
  const values = { DIR: dir, C2S_PORT: port };
  let child: ChildProcess;
  let database: string;
  if (kind === "prosody") {
    const prosody = need("prosody", "prosody lua-dbi-sqlite3");
    fs.mkdirSync(path.join(dir, "data"));
    const config = path.join(dir, "prosody.cfg.lua");
    fs.writeFileSync(config, renderTemplate(fs.readFileSync(path.join(HERE, "prosody.cfg.lua"), "utf8"), values));
    database = path.join(dir, "data", "prosody.sqlite");
    if (options.journal === "wal") createWalDatabase(database);
    child = spawn(prosody, ["-F", "--config", config], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  } else {
    // ejabberdctl insists on running as the `ejabberd` user (it `su`s when started as root and refuses
    // other users), so we start the Erlang VM the way `ejabberdctl foreground` does, as the current
    // user, without distribution (no epmd, no cookie): nothing outside the temp dir is used.
    need("ejabberdctl", "ejabberd erlang-p1-sqlite3");
    const config = path.join(dir, "ejabberd.yml");
    fs.writeFileSync(config, renderTemplate(fs.readFileSync(path.join(HERE, "ejabberd.yml"), "utf8"), values));
    database = path.join(dir, "ejabberd.sqlite");
    if (options.journal === "wal") createWalDatabase(database);
    fs.mkdirSync(path.join(dir, "spool"));
    child = spawn(
      "/usr/bin/erl",
      ["-noinput", "+K", "true", "+P", "250000", "-mnesia", "dir", `"${path.join(dir, "spool")}"`, "-s", "ejabberd"],
      {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          HOME: dir,
          ERL_LIBS: "/usr/lib/x86_64-linux-gnu",
          EJABBERD_CONFIG_PATH: config,
          EJABBERD_LOG_PATH: path.join(dir, "ejabberd.log"),
          ERL_CRASH_DUMP: path.join(dir, "erl_crash.dump"),
          ERL_MAX_PORTS: "65536",
          ERL_MAX_ETS_TABLES: "1400",
        },
      },
    );
  }
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  child.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      child.kill("SIGKILL");
      const log = readTail(path.join(dir, kind === "prosody" ? "prosody.log" : "ejabberd.log"));
      throw new Error(`${kind} did not start on port ${port}:\n${output}\n${log}`);
    }
    await sleep(100);
  }
  if (kind === "ejabberd") await sleep(1000); // the listener opens before every module has started
  return {
    kind,
    version: serverVersion(kind),
    domain: "localhost",
    mucDomain: "muc.localhost",
    port,
    pid: child.pid!,
    dir,
    database,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await gone;
        clearTimeout(timer);
      }
      if (!process.env.OBHUT_BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").slice(-4000);
  } catch {
    return "";
  }
}
