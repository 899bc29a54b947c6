// SPDX-License-Identifier: AGPL-3.0-or-later
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const NODE_BUILTINS = [
  "assert",
  "buffer",
  "child_process",
  "cluster",
  "crypto",
  "dgram",
  "dns",
  "events",
  "fs",
  "fs/promises",
  "http",
  "http2",
  "https",
  "net",
  "os",
  "path",
  "perf_hooks",
  "process",
  "readline",
  "stream",
  "tls",
  "tty",
  "url",
  "util",
  "v8",
  "vm",
  "worker_threads",
  "zlib",
];

/**
 * Runtime boundaries, enforced (see docs/ARCHITECTURE.md):
 * - protocol and crypto run unchanged in browsers and Node: no node:* and no DOM globals;
 * - the web app never imports Node modules or server code;
 * - the server never touches browser globals.
 */
const noNodeImports = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [{ group: ["node:*"], message: "This package runs in browsers too: no Node built-ins." }],
      paths: NODE_BUILTINS.map((name) => ({ name, message: "This package runs in browsers too: no Node built-ins." })),
    },
  ],
};
const browserGlobals = [
  "window",
  "document",
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "navigator",
  "location",
].map((name) => ({
  name,
  message: "No DOM globals here: this code must also run in Node.",
}));

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "test-vectors/**", "**/*.d.ts", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["packages/protocol/src/**/*.ts", "packages/crypto/src/**/*.ts"],
    languageOptions: { globals: { ...globals["shared-node-browser"] } },
    rules: {
      ...noNodeImports,
      "no-restricted-globals": [
        "error",
        ...browserGlobals,
        { name: "process", message: "No Node globals here." },
        { name: "Buffer", message: "Use Uint8Array." },
      ],
    },
  },
  {
    files: ["packages/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "The web app runs in browsers: no Node built-ins." },
            {
              group: ["@obhut/server", "@obhut/server/*", "**/server/src/**"],
              message: "The web app talks to the server over HTTP only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/web/sw/**/*.{js,ts}", "packages/web/public/**/*.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ["packages/server/src/**/*.ts"],
    rules: { "no-restricted-globals": ["error", ...browserGlobals] },
  },
  // The server's layers (docs/ARCHITECTURE.md, ADR 0024): app/ (transport) and cli/ sit on top; modules/<domain>/
  // use core/, infra/, policies/ and other modules through their index.ts only; core/, infra/ and policies/
  // import no module. Cycles are caught by test/repo/import-cycles.test.ts.
  {
    files: ["packages/server/src/{core,infra,policies}/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+(modules|app|cli)(/|$)",
              message: "core/, infra/ and policies/ import no module, app/ or cli/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/server/src/modules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+(app|cli)(/|$)",
              message: "Modules never import app/ or cli/: routes add to the RouteTable.",
            },
            {
              regex: "^\\.\\./(?!\\.\\./)[^/]+/",
              message: 'Import another module through its index.ts ("../<module>"), not its files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "**/test/**/*.ts", "**/bench/**/*.ts", "**/scripts/**/*.ts", "packages/e2e/**/*.ts"],
    rules: { "no-console": "off" },
  },
  {
    // Type-aware rules on the shipped code: a promise nobody awaits loses its error (an unhandled rejection ends
    // the server process), an async handler where a void one is expected does the same in the browser, and a
    // switch over a union without a default must name every member. Tests are left out: they cost the
    // type-checker twice the time and their promises are awaited by the runner.
    files: ["packages/*/src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
);
