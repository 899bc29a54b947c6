// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { createActor, launchChromium, type Actor } from "./browser";

/**
 * A real Obhut server for one test file: fresh data directory, random port,
 * all output kept in memory so tests can assert on logs (e.g. "no IP
 * addresses"). Browsers are launched lazily and torn down with the stack.
 */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const RUNNING = /Obhut is running at (http:\/\/[^\s"'<>\\]+)/;
const SETUP_LINK = /setup link: (http:\/\/[^\s"'<>\\]+)/i;
const PUBLIC_URL = /Public URL: (http:\/\/[^\s"'<>\\]+)/;

export interface StackOptions {
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Extra CLI arguments after `serve`. */
  args?: string[];
  startTimeoutMs?: number;
  /**
   * Server entry point relative to the repository root. Only the harness's
   * own tests point this elsewhere; browser tests always use the real server.
   */
  serverScript?: string;
  /**
   * An existing data directory to serve from (e.g. a second start on the
   * same instance). The stack then leaves it in place when it stops; the
   * caller removes it.
   */
  dataDir?: string;
}

export interface Stack {
  /** The bound address (`http://127.0.0.1:<port>`), for requests from Node (no `Origin` header). */
  readonly baseUrl: string;
  /**
   * Where browsers open the app: the server's public URL. With port 0 and no
   * PUBLIC_URL that is `http://localhost:<port>`, the same process as
   * `baseUrl`; the server accepts state-changing requests and WebSockets from
   * pages of this origin only (not from the bound address).
   */
  readonly origin: string;
  /** The one-time setup link printed on first start, if any, on `origin`. */
  readonly setupUrl: string | undefined;
  /** The setup link exactly as printed. */
  readonly printedSetupUrl: string | undefined;
  readonly dataDir: string;
  /** Everything the server wrote to stdout and stderr so far. */
  logs(): string;
  browser(): Promise<Browser>;
  actor(name: string, options?: BrowserContextOptions): Promise<Actor>;
  actors(...names: string[]): Promise<Actor[]>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "obhut-e2e-")));
  const child = spawn(
    process.execPath,
    [
      options.serverScript ?? "packages/server/bin/obhut.js",
      "serve",
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--data-dir",
      dataDir,
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, OBHUT_LOG_LEVEL: "info", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );

  let output = "";
  let baseUrl: string | undefined;
  let publicUrl: string | undefined;
  let setupUrl: string | undefined;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${options.startTimeoutMs ?? 60_000} ms\n${output}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      setupUrl ??= trimUrl(SETUP_LINK.exec(output)?.[1]);
      publicUrl ??= trimUrl(PUBLIC_URL.exec(output)?.[1]);
      if (!baseUrl) {
        const match = RUNNING.exec(output);
        if (match) {
          baseUrl = trimUrl(match[1])!.replace(/\/$/, "");
          clearTimeout(timer);
          resolve(baseUrl);
        }
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready\n${output}`));
    });
  });

  let url: string;
  try {
    url = await ready;
  } catch (error) {
    await terminate(child, exited);
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  let browserPromise: Promise<Browser> | undefined;
  const actors: Actor[] = [];

  // The server prints "Public URL" before "running at" whenever it differs from the bound address.
  const origin = new URL(publicUrl ?? url).origin;
  const stack: Stack = {
    baseUrl: url,
    origin,
    get setupUrl() {
      if (!setupUrl) return undefined;
      const printed = new URL(setupUrl);
      return new URL(printed.pathname + printed.search + printed.hash, origin).href;
    },
    get printedSetupUrl() {
      return setupUrl;
    },
    dataDir,
    logs: () => output,
    browser() {
      browserPromise ??= launchChromium();
      return browserPromise;
    },
    async actor(name, contextOptions = {}) {
      const actor = await createActor(await stack.browser(), name, stack.origin, contextOptions);
      actors.push(actor);
      return actor;
    },
    async actors(...names) {
      const created: Actor[] = [];
      for (const name of names) created.push(await stack.actor(name));
      return created;
    },
    async stop() {
      for (const actor of actors) await actor.context.close().catch(() => {});
      if (browserPromise) await (await browserPromise).close().catch(() => {});
      await terminate(child, exited);
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

function trimUrl(url: string | undefined): string | undefined {
  return url?.replace(/[.,;:)\]]+$/, "");
}

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}
