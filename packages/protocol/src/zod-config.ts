// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";

/**
 * Zod decides when an object schema is built whether to compile a fast
 * parser with `new Function`, after probing once whether eval is allowed.
 * The web app's CSP has no 'unsafe-eval', so the probe alone is reported as
 * a violation. Jitless skips the probe and the compiled parsers, in browser
 * and server alike; parsing stays the same, a little slower. index.ts
 * imports this module first, before any schema exists.
 */
z.config({ jitless: true });
