// SPDX-License-Identifier: AGPL-3.0-or-later
import path from "node:path";
import { z } from "zod";

/**
 * Everything configurable, with the environment variable that sets it. CLI
 * flags override the environment; the README's configuration table is
 * generated from the same list (see docs), so keep descriptions short.
 */
export const CONFIG_VARS = {
  dataDir: {
    env: "OBHUT_DATA_DIR",
    flag: "--data-dir",
    default: "./data",
    doc: "Data folder (SQLite database, blobs, secrets)",
  },
  host: { env: "HOST", flag: "--host", default: "localhost", doc: "Address to listen on" },
  port: { env: "PORT", flag: "--port", default: "8080", doc: "Port to listen on (0 = random free port)" },
  publicUrl: {
    env: "PUBLIC_URL",
    flag: "--public-url",
    default: "http://localhost:<port>",
    doc: "URL users reach Obhut at; https enables HSTS and secure cookies",
  },
  allowedOrigins: {
    env: "OBHUT_ALLOWED_ORIGINS",
    flag: "--allowed-origins",
    default: "(none)",
    doc: "Further origins (comma-separated) whose pages may send requests and open WebSockets besides PUBLIC_URL",
  },
  databaseUrl: {
    env: "DATABASE_URL",
    flag: "--database-url",
    default: "(SQLite in the data folder)",
    doc: "PostgreSQL connection URL for scale-out mode",
  },
  redisUrl: {
    env: "REDIS_URL",
    flag: "--redis-url",
    default: "(in-process)",
    doc: "Redis URL for events and rate limits across nodes",
  },
  metricsToken: {
    env: "OBHUT_METRICS_TOKEN",
    flag: "--metrics-token",
    default: "(generated in secrets.json)",
    doc: "Bearer token for GET /metrics",
  },
  metricsListen: {
    env: "OBHUT_METRICS_LISTEN",
    flag: "--metrics-listen",
    default: "(off)",
    doc: "Separate host:port serving /metrics without token, e.g. 127.0.0.1:9464",
  },
  logLevel: {
    env: "OBHUT_LOG_LEVEL",
    flag: "--log-level",
    default: "info",
    doc: "fatal, error, warn, info, debug or silent",
  },
  trustProxy: {
    env: "OBHUT_TRUST_PROXY",
    flag: "--trust-proxy",
    default: "false",
    doc: "Trust X-Forwarded-For from this many proxies / these addresses (rate limiting only)",
  },
  webDir: { env: "OBHUT_WEB_DIR", flag: "--web-dir", default: "packages/web/dist", doc: "Built web app to serve" },
  nodeId: {
    env: "OBHUT_NODE_ID",
    flag: "--node-id",
    default: "(random)",
    doc: "Name of this node in logs and job records",
  },
  rateLimits: {
    env: "OBHUT_RATE_LIMITS",
    flag: "--rate-limits",
    default: "auth=20,setup=20,api=600,public=600,static=2000",
    doc: "Requests per minute per client and class, e.g. auth=50 (raise behind a NAT shared by many clients)",
  },
  shutdownTimeoutMs: {
    env: "OBHUT_SHUTDOWN_TIMEOUT_MS",
    flag: "--shutdown-timeout",
    default: "10000",
    doc: "How long graceful shutdown waits for connections to drain",
  },
  hostingLocation: {
    env: "OBHUT_HOSTING_LOCATION",
    flag: "--hosting-location",
    default: "(not stated)",
    doc: 'Where the servers and backups are, for the Art. 30 record, e.g. "Frankfurt am Main, Deutschland (EU)"',
  },
  processors: {
    env: "OBHUT_PROCESSORS",
    flag: "--processors",
    default: "[]",
    doc: 'Seeds each organisation\'s empty processor register (Art. 28) once, JSON: [{"name":…,"service":…,"location":…}]; then kept in the console',
  },
  orgStorageCap: {
    env: "OBHUT_ORG_STORAGE_CAP",
    flag: "--org-storage-cap",
    default: "20GiB",
    doc: "Attachment storage per organisation (pending and stored), bytes or e.g. 500MiB, 20GiB; off = no cap",
  },
  instanceStorageCap: {
    env: "OBHUT_INSTANCE_STORAGE_CAP",
    flag: "--instance-storage-cap",
    default: "off",
    doc: "Attachment storage of the whole instance, bytes or e.g. 200GiB; off = bounded by the disk only",
  },
  ssoAllowInsecureIssuers: {
    env: "OBHUT_SSO_ALLOW_INSECURE_ISSUERS",
    flag: "--sso-allow-insecure-issuers",
    default: "false (true with --dev)",
    doc: "Let SSO reach http:// issuers and loopback or private addresses (development and tests only)",
  },
  ssoIssuers: {
    env: "OBHUT_SSO_ISSUERS",
    flag: "--sso-issuers",
    default: "(any public https issuer)",
    doc: "Comma-separated issuer URLs or URL prefixes organisations may use for SSO; only these then",
  },
  smtpHost: {
    env: "OBHUT_SMTP_HOST",
    flag: "--smtp-host",
    default: "(off: no e-mail notices)",
    doc: "SMTP server for content-free e-mail notices (ADR 0034)",
  },
  smtpPort: {
    env: "OBHUT_SMTP_PORT",
    flag: "--smtp-port",
    default: "465 with tls, else 587",
    doc: "SMTP port",
  },
  smtpSecurity: {
    env: "OBHUT_SMTP_SECURITY",
    flag: "--smtp-security",
    default: "starttls",
    doc: "tls (implicit), starttls (required) or plaintext (only for a relay on this host or network you trust)",
  },
  smtpUser: { env: "OBHUT_SMTP_USER", flag: "--smtp-user", default: "(none)", doc: "SMTP login name" },
  smtpPassword: {
    env: "OBHUT_SMTP_PASSWORD",
    flag: "--smtp-password",
    default: "(none)",
    doc: "SMTP password (prefer the environment to a flag)",
  },
  smtpFrom: {
    env: "OBHUT_SMTP_FROM",
    flag: "--smtp-from",
    default: "(required with OBHUT_SMTP_HOST)",
    doc: "Sender address, e.g. hinweis@beratung.example; the display name is the organisation's neutral sender name",
  },
  smtpCaFile: {
    env: "OBHUT_SMTP_CA_FILE",
    flag: "--smtp-ca-file",
    default: "(system CAs)",
    doc: "Extra CA certificate (PEM) the SMTP server's certificate may chain to",
  },
  smtpDkimSelector: {
    env: "OBHUT_SMTP_DKIM_SELECTOR",
    flag: "--smtp-dkim-selector",
    default: "(no DKIM signature)",
    doc: "DKIM selector: notices are signed when it and the key file are set (public key in DNS at <selector>._domainkey.<domain>)",
  },
  smtpDkimKeyFile: {
    env: "OBHUT_SMTP_DKIM_KEY_FILE",
    flag: "--smtp-dkim-key-file",
    default: "(none)",
    doc: "DKIM private key (PEM, RSA or Ed25519), readable only by Obhut",
  },
  smtpDkimDomain: {
    env: "OBHUT_SMTP_DKIM_DOMAIN",
    flag: "--smtp-dkim-domain",
    default: "(the domain of OBHUT_SMTP_FROM)",
    doc: "Signing domain (d=) of the DKIM signature",
  },
  pushServices: {
    env: "OBHUT_PUSH_SERVICES",
    flag: "--push-services",
    default: "(the browsers' push services)",
    doc: "Comma-separated host names (*.example for subdomains) Web Push endpoints may point to; no other host is contacted (ADR 0038)",
  },
  pushCaFile: {
    env: "OBHUT_PUSH_CA_FILE",
    flag: "--push-ca-file",
    default: "(system CAs)",
    doc: "Extra CA certificate (PEM) a push service's certificate may chain to",
  },
} as const;

export type ConfigKey = keyof typeof CONFIG_VARS;

/** A processor (Art. 28 GDPR) as the operator lists it for the record of processing activities. */
const ProcessorsSchema = z
  .array(
    z
      .object({
        name: z.string().trim().min(1).max(200),
        service: z.string().trim().min(1).max(300),
        location: z.string().trim().min(1).max(200),
      })
      .strict(),
  )
  .max(50);
export type ProcessorConfig = z.infer<typeof ProcessorsSchema>[number];

const BYTE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
  tb: 1e12,
  tib: 1024 ** 4,
};

/** A byte count such as `1048576`, `500MiB` or `1.5 GB`, or `off` (undefined: no cap). */
export function parseByteSize(text: string): number | "off" | undefined {
  if (/^(off|none|unlimited)$/i.test(text.trim())) return "off";
  const match = /^(\d{1,15}(?:\.\d{1,6})?)\s*([kmgt]i?b|b)?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * BYTE_UNITS[(match[2] ?? "").toLowerCase()]!);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

const byteSize = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return undefined;
    const value = parseByteSize(text);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: "must be a positive number of bytes (e.g. 500MiB, 20GiB) or off" });
      return z.NEVER;
    }
    return value === "off" ? undefined : value;
  });

const ConfigSchema = z.object({
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  allowedOrigins: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const origins: string[] = [];
      for (const item of (text ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)) {
        const origin = parseOrigin(item);
        if (origin === undefined) {
          ctx.addIssue({ code: "custom", message: `"${item}" is not an origin like https://example.org` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  metricsToken: z.string().min(16).optional(),
  metricsListen: z
    .string()
    .regex(/^[^:]+:\d+$/, "must be host:port")
    .optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  trustProxy: z.string(),
  webDir: z.string(),
  nodeId: z.string().max(64).optional(),
  shutdownTimeoutMs: z.coerce.number().int().min(0).max(600_000),
  rateLimits: z
    .string()
    .regex(
      /^((auth|setup|api|public|static)=\d{1,9})(,(auth|setup|api|public|static)=\d{1,9})*$/,
      "must look like auth=20,api=600",
    )
    .optional(),
  hostingLocation: z.string().trim().min(1).max(200).optional(),
  processors: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return [];
      try {
        return ProcessorsSchema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be a JSON list of {"name","service","location"}' });
        return z.NEVER;
      }
    }),
  orgStorageCap: byteSize,
  instanceStorageCap: byteSize,
  ssoAllowInsecureIssuers: z.enum(["true", "false"], "must be true or false").optional(),
  ssoIssuers: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const prefixes: string[] = [];
      const items = (text ?? "").split(",").map((s) => s.trim());
      for (const item of items.filter(Boolean)) {
        const prefix = parseIssuerPrefix(item);
        if (prefix === undefined) {
          ctx.addIssue({ code: "custom", message: `"${item}" is not an https:// (or http://) URL without query` });
          return z.NEVER;
        }
        prefixes.push(prefix);
      }
      return prefixes;
    }),
  smtpHost: z.string().trim().min(1).max(253).optional(),
  smtpPort: z.coerce.number().int().min(1).max(65535).optional(),
  smtpSecurity: z.enum(["tls", "starttls", "plaintext"], "must be tls, starttls or plaintext").optional(),
  smtpUser: z.string().min(1).max(320).optional(),
  smtpPassword: z.string().min(1).max(1000).optional(),
  smtpFrom: z.email().optional(),
  smtpCaFile: z.string().min(1).optional(),
  smtpDkimSelector: z
    .string()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/, "must be a DNS label (e.g. obhut2026)")
    .optional(),
  smtpDkimKeyFile: z.string().min(1).optional(),
  smtpDkimDomain: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,253}$/, "must be a domain name")
    .optional(),
  pushServices: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return DEFAULT_PUSH_SERVICES;
      const hosts = text
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      for (const h of hosts)
        if (!/^(\*\.)?[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(h)) {
          ctx.addIssue({ code: "custom", message: `"${h}" is not a host name` });
          return z.NEVER;
        }
      return hosts;
    }),
  pushCaFile: z.string().min(1).optional(),
});

/**
 * The push services of today's browsers (Chrome/Edge via FCM, Firefox,
 * Safari, Windows): a subscription's endpoint must point to one of them, so a
 * client cannot aim the server's requests at its own network (ADR 0038).
 */
export const DEFAULT_PUSH_SERVICES = [
  "fcm.googleapis.com",
  "updates.push.services.mozilla.com",
  "web.push.apple.com",
  "*.notify.windows.com",
];

export type RateLimitClass = "auth" | "setup" | "api" | "public" | "static";
export const DEFAULT_RATE_LIMITS: Record<RateLimitClass, number> = {
  auth: 20,
  setup: 20,
  api: 600,
  public: 600,
  static: 2000,
};

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  /** True when publicUrl was set explicitly (doctor warns otherwise). */
  publicUrlExplicit: boolean;
  /** Origins besides PUBLIC_URL's that may send state-changing requests and open WebSockets (app/http/origin.ts). */
  allowedOrigins: string[];
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  metricsToken: string | undefined;
  metricsListen: { host: string; port: number } | undefined;
  logLevel: string;
  trustProxy: boolean | number | string;
  webDir: string;
  nodeId: string | undefined;
  shutdownTimeoutMs: number;
  /** Requests per minute per client for each rate class. */
  rateLimits: Record<RateLimitClass, number>;
  /** Where servers and backups are (Art. 30 record); unset: "not stated". */
  hostingLocation?: string | undefined;
  /** Processors (Art. 28) listed in the Art. 30 record. */
  processors?: ProcessorConfig[] | undefined;
  /** Attachment bytes (pending and stored) one organisation may hold; undefined: no cap (modules/messaging/attachments-quota.ts). */
  orgStorageCap: number | undefined;
  /** Attachment bytes the whole instance may hold; undefined: no cap. */
  instanceStorageCap: number | undefined;
  /** SSO may reach http:// issuers and loopback/private addresses (development, tests; modules/identity/sso-network.ts). */
  ssoAllowInsecureIssuers: boolean;
  /** Issuer prefixes (see issuerPrefix) organisations may configure; empty: any public https issuer. */
  ssoIssuers: string[];
  /** Outgoing mail for e-mail notices (infra/mail); undefined: no e-mail is sent. */
  smtp: SmtpConfig | undefined;
  /** Web Push (modules/notifications/push.ts): the hosts endpoints may point to, an extra CA. */
  push: { services: string[]; caFile: string | undefined };
}

/**
 * The SMTP relay. TLS is required unless the operator explicitly chose
 * plaintext (a relay on the same host or a trusted local network).
 */
export interface SmtpConfig {
  host: string;
  port: number;
  security: "tls" | "starttls" | "plaintext";
  user: string | undefined;
  password: string | undefined;
  from: string;
  /** Resolved path of an extra CA certificate (PEM). */
  caFile: string | undefined;
  /** DKIM signing of every notice (nodemailer's dkim option); the key file's resolved path. */
  dkim: { domain: string; selector: string; keyFile: string } | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Resolve configuration from flags (already parsed) and the environment. */
export function loadConfig(
  flags: Partial<Record<ConfigKey, string | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Config {
  const raw: Record<string, string | undefined> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARS) as [ConfigKey, (typeof CONFIG_VARS)[ConfigKey]][]) {
    const value = flags[key] ?? env[spec.env];
    raw[key] = value === "" ? undefined : value;
  }
  raw.dataDir ??= CONFIG_VARS.dataDir.default;
  raw.host ??= CONFIG_VARS.host.default;
  raw.port ??= CONFIG_VARS.port.default;
  raw.logLevel ??= CONFIG_VARS.logLevel.default;
  raw.trustProxy ??= CONFIG_VARS.trustProxy.default;
  raw.webDir ??= CONFIG_VARS.webDir.default;
  raw.shutdownTimeoutMs ??= CONFIG_VARS.shutdownTimeoutMs.default;
  raw.orgStorageCap ??= CONFIG_VARS.orgStorageCap.default;

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0]) as ConfigKey;
      const spec = CONFIG_VARS[key];
      return `  ${spec ? `${spec.env} / ${spec.flag}` : key}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.smtpHost && !c.smtpFrom)
    throw new ConfigError(
      `Invalid configuration:\n  ${CONFIG_VARS.smtpFrom.env} / ${CONFIG_VARS.smtpFrom.flag}: required with ${CONFIG_VARS.smtpHost.env}`,
    );
  if (c.smtpUser !== undefined && c.smtpPassword === undefined)
    throw new ConfigError(
      `Invalid configuration:\n  ${CONFIG_VARS.smtpPassword.env} / ${CONFIG_VARS.smtpPassword.flag}: required with ${CONFIG_VARS.smtpUser.env}`,
    );
  if ((c.smtpDkimSelector === undefined) !== (c.smtpDkimKeyFile === undefined))
    throw new ConfigError(
      `Invalid configuration:\n  ${CONFIG_VARS.smtpDkimSelector.env} and ${CONFIG_VARS.smtpDkimKeyFile.env}: set both or neither`,
    );
  const smtpSecurity = c.smtpSecurity ?? "starttls";
  const smtp: SmtpConfig | undefined =
    c.smtpHost && c.smtpFrom
      ? {
          host: c.smtpHost,
          port: c.smtpPort ?? (smtpSecurity === "tls" ? 465 : 587),
          security: smtpSecurity,
          user: c.smtpUser,
          password: c.smtpPassword,
          from: c.smtpFrom,
          caFile: c.smtpCaFile === undefined ? undefined : path.resolve(cwd, c.smtpCaFile),
          dkim:
            c.smtpDkimSelector !== undefined && c.smtpDkimKeyFile !== undefined
              ? {
                  domain: c.smtpDkimDomain ?? c.smtpFrom.slice(c.smtpFrom.lastIndexOf("@") + 1),
                  selector: c.smtpDkimSelector,
                  keyFile: path.resolve(cwd, c.smtpDkimKeyFile),
                }
              : undefined,
        }
      : undefined;
  const metricsListen = c.metricsListen
    ? {
        host: c.metricsListen.slice(0, c.metricsListen.lastIndexOf(":")),
        port: Number(c.metricsListen.slice(c.metricsListen.lastIndexOf(":") + 1)),
      }
    : undefined;
  return {
    dataDir: path.resolve(cwd, c.dataDir),
    host: c.host,
    port: c.port,
    publicUrl: (c.publicUrl ?? `http://localhost:${c.port}`).replace(/\/+$/, ""),
    publicUrlExplicit: c.publicUrl !== undefined,
    allowedOrigins: c.allowedOrigins,
    databaseUrl: c.databaseUrl,
    redisUrl: c.redisUrl,
    metricsToken: c.metricsToken,
    metricsListen,
    logLevel: c.logLevel,
    trustProxy: parseTrustProxy(c.trustProxy),
    webDir: path.resolve(cwd, c.webDir),
    nodeId: c.nodeId,
    shutdownTimeoutMs: c.shutdownTimeoutMs,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...parseRateLimits(c.rateLimits) },
    hostingLocation: c.hostingLocation,
    processors: c.processors,
    orgStorageCap: c.orgStorageCap,
    instanceStorageCap: c.instanceStorageCap,
    ssoAllowInsecureIssuers: c.ssoAllowInsecureIssuers === "true",
    ssoIssuers: c.ssoIssuers,
    smtp,
    push: {
      services: c.pushServices,
      caFile: c.pushCaFile === undefined ? undefined : path.resolve(cwd, c.pushCaFile),
    },
  };
}

function parseRateLimits(value: string | undefined): Partial<Record<RateLimitClass, number>> {
  if (!value) return {};
  return Object.fromEntries(
    value.split(",").map((pair) => {
      const [cls, n] = pair.split("=") as [RateLimitClass, string];
      return [cls, Number(n)];
    }),
  );
}

/**
 * The form issuers are compared in: origin (lower-case host, no default
 * port) and path without trailing slashes. An issuer matches a listed prefix
 * when it equals it or continues it after a "/".
 */
export function issuerPrefix(url: URL): string {
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function parseIssuerPrefix(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.search || url.hash || url.username || url.password || /[?#]/.test(value)) return undefined;
  return issuerPrefix(url);
}

/** An http(s) origin as browsers send it in `Origin` (lower-case host, no default port), or undefined. */
function parseOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !bare || /[?#]/.test(value)) return undefined;
  return url.origin;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** A config with the real port filled in once the server listens on port 0. */
export function withActualPort(config: Config, port: number): Config {
  return {
    ...config,
    port,
    publicUrl: config.publicUrlExplicit ? config.publicUrl : `http://localhost:${port}`,
  };
}
