import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpError, sendError } from "./http-errors.js";
import type { Logger } from "./logger.js";
import { answerClientError, answerConnect } from "./raw-responses.js";
import { createRequestHandler } from "./request-handler.js";
import type { RuntimeInfo } from "./runtime-info.js";

export interface ServiceOptions {
  /** 0 picks a free port. */
  port: number;
  /** Unset: Node's default (all interfaces, IPv6 and IPv4). */
  host?: string;
  logger: Logger;
  info: RuntimeInfo;
  maxBodyBytes: number;
  /** In-flight requests get this long to finish after shutdown starts; then connections are cut. */
  shutdownDeadlineMs: number;
  /** Keep serving (with /readyz at 503) this long before closing the listener, so endpoints can update. */
  drainDelayMs: number;
  /** A request (headers and body) must arrive within this long, else 408. */
  requestTimeoutMs: number;
}

export interface ShutdownOutcome {
  /** Requests still running at the deadline, whose connections were cut. */
  abandonedRequests: number;
}

export interface RunningService {
  server: Server;
  port: number;
  /** http://host:port, for clients on this machine. */
  url: string;
  isReady(): boolean;
  inFlightRequests(): number;
  /** Idempotent: mark not ready, drain, stop accepting, let in-flight requests finish by the deadline. */
  shutdown(reason: string): Promise<ShutdownOutcome>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { logger } = options;
  let ready = true;
  let inFlight = 0;
  let shuttingDown: Promise<ShutdownOutcome> | undefined;
  const isReady = () => ready;

  const handle = createRequestHandler({ logger, info: options.info, maxBodyBytes: options.maxBodyBytes, isReady });
  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs,
      // Node checks for timed-out requests on this timer (30 s by default), so a slow client could
      // hold a connection for up to 30 s past requestTimeout without it.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, options.requestTimeoutMs / 4)),
      // Node would answer a missing Host with an empty 400; the request handler answers it in JSON.
      requireHostHeader: false,
    },
    (req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      // Connections that finish their last request after close() would otherwise linger until keep-alive timeout.
      if (shuttingDown) server.closeIdleConnections();
    });
    handle(req, res);
    },
  );
  // What Node answers itself, with an empty body, unless these are handled.
  server.on("clientError", answerClientError);
  server.on("connect", answerConnect);
  server.on("checkExpectation", (req, res) => {
    res.setHeader("connection", "close");
    sendError(res, new HttpError(417, "expectation_failed", `expect: ${req.headers.expect} is not supported; send only "expect: 100-continue" or no expect header`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== "::" && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;

  const shutdown = (reason: string): Promise<ShutdownOutcome> => {
    shuttingDown ??= (async () => {
      ready = false;
      logger.info("shutdown started", { reason, inFlight, drainDelayMs: options.drainDelayMs, deadlineMs: options.shutdownDeadlineMs });
      if (options.drainDelayMs > 0) await sleep(options.drainDelayMs);
      let abandonedRequests = 0;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => {
        abandonedRequests = inFlight;
        logger.warn("shutdown deadline passed; closing remaining connections", { inFlight });
        server.closeAllConnections();
      }, options.shutdownDeadlineMs);
      await closed;
      clearTimeout(deadline);
      logger.info("shutdown complete", { abandonedRequests });
      return { abandonedRequests };
    })();
    return shuttingDown;
  };

  return { server, port, url, isReady, inFlightRequests: () => inFlight, shutdown };
}
