import { ConfigError, readServiceConfig } from "./service/config.js";
import { createJsonLogger } from "./service/logger.js";
import { collectRuntimeInfo } from "./service/runtime-info.js";
import { startService } from "./service/service.js";

/** The Deployment's container: `node dist/server.js` (or `npm run app` from the repository root). */
async function main(): Promise<void> {
  let config;
  try {
    config = readServiceConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`archbench service: ${error.message}\n`);
    process.exit(2);
  }
  const logger = createJsonLogger({ level: config.logLevel });
  const info = collectRuntimeInfo();
  const service = await startService({ ...config, logger, info });
  logger.info("listening", { port: service.port, arch: info.arch, cpus: info.cpus, cpuModel: info.cpuModel, version: info.version });

  // `process.on`, not `once`: under `npm run app`, one Ctrl-C reaches the server twice (from the terminal
  // and forwarded by npm), and a second signal without a listener would kill it mid-drain.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info("signal ignored: shutdown already under way", { signal });
      return;
    }
    stopping = true;
    service.shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

await main();
