import { parentPort, workerData } from "node:worker_threads";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol.js";
import { isWorkloadName } from "./workload-names.js";
import { WORKLOADS, type WorkloadSession } from "./workloads/index.js";

/** One measuring thread: sets its workload up once, then runs it whenever the runner asks. */
const port = parentPort;
if (!port) throw new Error("bench/worker runs only as a worker thread");
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

const { workload } = workerData as WorkerInit;
let session: WorkloadSession | undefined;
try {
  if (!isWorkloadName(workload)) throw new Error(`unknown workload "${workload}"`);
  session = await WORKLOADS[workload].start();
  post({ type: "ready" });
} catch (error) {
  post({ type: "error", message: `setting up ${workload} failed: ${errorMessage(error)}` });
}

port.on("message", (message: ToWorker) => {
  if (!session) return;
  const current = session;
  if (message.type === "run") {
    current.run(message.seconds).then(
      (measurement) => {
        const transfer = measurement.latenciesMs ? [measurement.latenciesMs.buffer as ArrayBuffer] : [];
        post({ type: "result", measurement }, transfer);
      },
      (error: unknown) => post({ type: "error", message: errorMessage(error) }),
    );
  } else {
    current.close().then(
      () => {
        post({ type: "closed" });
        port.close();
      },
      (error: unknown) => post({ type: "error", message: `closing ${workload} failed: ${errorMessage(error)}` }),
    );
  }
});
