import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { send } from "../helpers/http-client";
import { type ProcessEntry, processTree, stillRunning } from "../helpers/process-tree";
import { REPO_ROOT } from "../helpers/spawn-ts";

/**
 * `npm run app` as a developer runs it: npm runs the script through `sh -c`. A signal to npm (or a Ctrl-C
 * to the terminal's whole process group) must drain the server and leave no process behind: no shell or
 * tsx wrapper that dies and orphans the server, no second signal that kills it mid-drain.
 */
const NODE_BIN = dirname(process.execPath);
const NPM = existsSync(join(NODE_BIN, "npm")) ? join(NODE_BIN, "npm") : "npm";
const started: ChildProcessWithoutNullStreams[] = [];
const seen: ProcessEntry[] = [];

function startNpmApp(): { npm: ChildProcessWithoutNullStreams; stdout: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  const npm = spawn(NPM, ["run", "app"], {
    cwd: REPO_ROOT,
    // Its own process group, as a terminal gives a foreground job: the group can be signalled like Ctrl-C.
    detached: true,
    env: {
      PATH: `${NODE_BIN}:${process.env.PATH ?? ""}`,
      HOME: process.env.HOME ?? "/tmp",
      PORT: "0",
      HOST: "127.0.0.1",
      SHUTDOWN_DRAIN_DELAY_MS: "200",
      npm_config_update_notifier: "false",
    },
  });
  started.push(npm);
  let stdout = "";
  npm.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  npm.stderr.on("data", (c: Buffer) => (stdout += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => npm.on("exit", (code, signal) => resolve({ code, signal })));
  return { npm, stdout: () => stdout, exited };
}

function logLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

/** Sends headers and half the body now; the rest when `finish` is called. */
function halfSentRequest(port: number): { finish: () => void; answer: Promise<{ status: number; body: string }> } {
  let finish = () => {};
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/api/hash", method: "POST", headers: { "content-type": "text/plain", "content-length": "6" }, agent: false },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.write("abc");
    finish = () => req.end("def");
  });
  return { finish, answer };
}

afterEach(() => {
  // Whatever a failed test left running: only processes this file started.
  for (const npm of started.splice(0)) {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // group already gone
    }
  }
  for (const entry of stillRunning(seen.splice(0))) process.kill(entry.pid, "SIGKILL");
});

describe.runIf(process.platform === "linux")("npm run app under a signal", () => {
  it.each([
    { name: "SIGTERM to npm", signal: "SIGTERM", target: "npm" },
    { name: "SIGINT to npm", signal: "SIGINT", target: "npm" },
    { name: "Ctrl-C (SIGINT to the whole process group)", signal: "SIGINT", target: "group" },
  ] as const)(
    "$name: drains the in-flight request, exits 0 and leaves no process or open port",
    async ({ signal, target }) => {
      const { npm, stdout, exited } = startNpmApp();
      const listening = await until("the listening log line", () => logLines(stdout()).find((l) => l.msg === "listening"));
      const port = listening.port as number;
      const url = `http://127.0.0.1:${port}`;
      await until("readiness", async () => ((await send(url, { path: "/readyz" })).status === 200 ? true : undefined));

      const tree = processTree(npm.pid!);
      seen.push(...tree);
      expect(tree.some((p) => p.cmdline.includes("app/src/server.ts"))).toBe(true);

      const inFlight = halfSentRequest(port);
      await new Promise((r) => setTimeout(r, 100)); // let the headers reach the server
      process.kill(target === "group" ? -npm.pid! : npm.pid!, signal);
      setTimeout(inFlight.finish, 100);

      const answer = await inFlight.answer;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ bytes: 6 });
      expect(await exited).toEqual({ code: 0, signal: null });
      const messages = logLines(stdout()).map((l) => l.msg);
      expect(messages).toEqual(expect.arrayContaining(["shutdown started", "shutdown complete"]));
      expect(messages).not.toContain("shutdown failed");
      await until("every process of the tree to end", () => (stillRunning(tree).length === 0 ? true : undefined), 10_000).catch(() => {
        throw new Error(`still running after npm exited: ${stillRunning(tree).map((p) => `${p.pid} ${p.cmdline}`).join("; ")}`);
      });
      expect(await portRefuses(port)).toBe(true);
    },
    60_000,
  );
});
