// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The server delivers the JavaScript that does the encryption, so the page
 * must not run anything else: no inline script, no third-party origin, no
 * framing. 'wasm-unsafe-eval' allows compiling WebAssembly (OPAQUE, Argon2id)
 * without allowing JavaScript eval.
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...inlineScriptHashes.map((h) => `'${h}'`)].join(" "),
    ...CSP_REST,
  ].join("; ");
}

const CSP_REST = [
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * The policy without any inline-script hash. The built index.html carries one
 * inline script, the import map that pins the SHA-384 of every lazily loaded
 * chunk (ADR 0004 §5); the server allows exactly that map by its SHA-256
 * (`inlineScriptHashes` in static-files.ts) and nothing else inline.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "interest-cohort=()",
  "browsing-topics=()",
].join(", ");

export function securityHeaders(options: {
  https: boolean;
  inlineScriptHashes?: readonly string[];
}): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(options.inlineScriptHashes),
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "origin-agent-cluster": "?1",
    "x-dns-prefetch-control": "off",
    "x-permitted-cross-domain-policies": "none",
  };
  if (options.https) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
