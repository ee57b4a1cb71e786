import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, sendError } from "./http-errors.js";
import type { Logger } from "./logger.js";
import { ROUTES, type RouteContext, toHttpError } from "./routes.js";

export interface RequestHandlerOptions extends RouteContext {
  logger: Logger;
}

/** The service's whole request path: route, run, and turn every failure into a JSON error response. */
export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { logger } = options;
  return (req, res) => {
    const target = req.url ?? "/";
    const queryStart = target.indexOf("?");
    const path = queryStart < 0 ? target : target.slice(0, queryStart);
    const query = queryStart < 0 ? "" : target.slice(queryStart + 1);
    const route = ROUTES.get(path);
    // While shutting down, tell keep-alive clients to reconnect (to another pod).
    if (!options.isReady()) res.setHeader("connection", "close");

    if (!route || !route.probe) {
      const started = performance.now();
      res.once("finish", () => {
        logger.info("request", {
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        });
      });
    }

    const fail = (error: unknown) => respondWithError(res, error, logger, req.method, path);
    // RFC 9112 3.2: an HTTP/1.1 request without Host gets a 400 (Node's own answer has no body).
    if (req.httpVersion === "1.1" && req.headers.host === undefined) {
      return fail(new HttpError(400, "bad_request", "an HTTP/1.1 request needs a Host header; add one", { connection: "close" }));
    }
    if ((req.headersDistinct.host?.length ?? 0) > 1) {
      return fail(new HttpError(400, "bad_request", "the request has more than one Host header; send exactly one", { connection: "close" }));
    }
    if (!route) return fail(new HttpError(404, "not_found", `no endpoint at ${path}; GET / lists the endpoints`));
    if (!route.methods.includes(req.method ?? "")) {
      return fail(
        new HttpError(405, "method_not_allowed", `${req.method} is not allowed on ${path}; use ${route.methods.join(" or ")}`, {
          allow: route.methods.join(", "),
        }),
      );
    }
    try {
      const pending = route.handle(req, res, query, options);
      if (pending) pending.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

function respondWithError(res: ServerResponse, error: unknown, logger: Logger, method: string | undefined, path: string): void {
  if (res.destroyed) {
    logger.debug("client went away", { method, path, error });
    return;
  }
  const httpError = toHttpError(error);
  if (!httpError) logger.error("request failed", { method, path, error });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendError(res, httpError ?? new HttpError(500, "internal_error", "internal error; the service logged the details"));
}
