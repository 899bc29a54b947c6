// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ErrorBody, ErrorCode } from "@obhut/protocol";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../core/errors";
import type { Logger } from "../../infra/logger";

const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large", message: "The request body is too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    message: "Send JSON (Content-Type: application/json)",
  },
  FST_ERR_CTP_INVALID_TYPE: { code: "unsupported_media_type", message: "Send JSON (Content-Type: application/json)" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "invalid_json", message: "The JSON body is empty" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "bad_request", message: "Content-Length does not match the body" },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "invalid_json", message: "The body is not valid JSON" },
  FST_ERR_BAD_URL: { code: "bad_request", message: "The URL is not valid" },
  FST_ERR_ASYNC_CONSTRAINT: { code: "bad_request", message: "The request is not valid" },
};

/**
 * PostgreSQL refuses text it cannot store: NUL (22021, character_not_in_repertoire)
 * and characters the database encoding lacks (22P05, untranslatable_character).
 * That is the client's input, so a 400 — never a 500.
 */
const TEXT_REFUSED_SQLSTATES = new Set(["22021", "22P05"]);

export function errorBody(
  code: ErrorCode,
  message: string,
  issues?: { path: string; message: string }[],
  details?: Record<string, string>,
): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}), ...(details ? { details } : {}) } };
}

/** The single place where errors become responses. Unknown errors are 500 and logged without request data. */
export function createErrorHandler(logger: Logger) {
  return (error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return reply.status(error.status).send(errorBody(error.code, error.message, error.issues, error.details));
    }
    const fe = error as FastifyError;
    if (fe.code !== undefined && TEXT_REFUSED_SQLSTATES.has(fe.code)) {
      // The protocol's text types stop such text at validation; this is the second line for a field they missed.
      logger.warn({ reqId: request.id, route: request.routeOptions?.url, sqlState: fe.code }, "database refused text");
      return reply
        .status(400)
        .send(errorBody("invalid_encoding", "The request contains characters that cannot be stored"));
    }
    const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (known) {
      const status = known.code === "payload_too_large" ? 413 : known.code === "unsupported_media_type" ? 415 : 400;
      return reply.status(status).send(errorBody(known.code, known.message));
    }
    if (error instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(error.message))) {
      return reply.status(400).send(errorBody("invalid_json", "The body is not valid JSON"));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody("bad_request", "The request is not valid"));
    }
    // Log the error (stack, message) but never request bodies or headers.
    logger.error({ err: error, reqId: request.id, route: request.routeOptions?.url }, "unhandled error");
    return reply.status(500).send(errorBody("internal", "Something went wrong on our side; nothing you sent was lost"));
  };
}
