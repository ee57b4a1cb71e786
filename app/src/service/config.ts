import { isLogLevel, type LogLevel } from "./logger.js";

/** The service's settings, all from the environment (the Deployment sets them). */
export interface ServiceConfig {
  port: number;
  host: string | undefined;
  logLevel: LogLevel;
  maxBodyBytes: number;
  shutdownDeadlineMs: number;
  drainDelayMs: number;
  requestTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export const SERVICE_DEFAULTS = {
  port: 8080,
  logLevel: "info",
  maxBodyBytes: 1024 * 1024,
  // Below Kubernetes' default 30 s terminationGracePeriodSeconds, leaving room for the drain delay.
  shutdownDeadlineMs: 10_000,
  drainDelayMs: 0,
  requestTimeoutMs: 30_000,
} as const;

export function readServiceConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const logLevel = env.LOG_LEVEL?.trim() || SERVICE_DEFAULTS.logLevel;
  if (!isLogLevel(logLevel)) throw new ConfigError(`LOG_LEVEL=${logLevel} is not a level; use debug, info, warn or error`);
  return {
    port: integerFromEnv(env, "PORT", SERVICE_DEFAULTS.port, 0, 65_535),
    host: env.HOST?.trim() || undefined,
    logLevel,
    maxBodyBytes: integerFromEnv(env, "MAX_BODY_BYTES", SERVICE_DEFAULTS.maxBodyBytes, 1, 64 * 1024 * 1024),
    shutdownDeadlineMs: integerFromEnv(env, "SHUTDOWN_DEADLINE_MS", SERVICE_DEFAULTS.shutdownDeadlineMs, 0, 600_000),
    drainDelayMs: integerFromEnv(env, "SHUTDOWN_DRAIN_DELAY_MS", SERVICE_DEFAULTS.drainDelayMs, 0, 600_000),
    requestTimeoutMs: integerFromEnv(env, "REQUEST_TIMEOUT_MS", SERVICE_DEFAULTS.requestTimeoutMs, 1, 3_600_000),
  };
}

function integerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not valid; use a whole number from ${min} to ${max} (default ${fallback})`);
  }
  return value;
}
