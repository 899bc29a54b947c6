// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ErrorBody, ErrorCode } from "@obhut/protocol";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors";
import type { Logger } from "../logger";

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

export function errorBody(code: ErrorCode, message: string, issues?: { path: string; message: string }[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** The single place where errors become responses. Unknown errors are 500 and logged without request data. */
export function createErrorHandler(logger: Logger) {
  return (error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return reply.status(error.status).send(errorBody(error.code, error.message, error.issues));
    }
    const fe = error as FastifyError;
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
