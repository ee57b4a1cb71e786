import { describe, expect, it } from "vitest";
import { send } from "../helpers/http-client";
import { collect, spawnTs } from "../helpers/spawn-ts";

async function waitForLog(read: () => string, msg: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const line = read()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === msg);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no "${msg}" log line in: ${read()}`);
}

describe("server entry point (npm run app)", () => {
  it("serves on PORT, finishes an in-flight request after SIGTERM, and exits 0", async () => {
    const child = spawnTs("app/src/server.ts", [], { PORT: "0", HOST: "127.0.0.1", POD_NAME: "p1" });
    const { done, stdout } = collect(child);
    const listening = await waitForLog(stdout, "listening");
    const url = `http://127.0.0.1:${listening.port as number}`;
    expect((await send(url, { path: "/healthz" })).status).toBe(200);

    // an in-flight request: headers sent, body still coming when SIGTERM arrives
    const { request } = await import("node:http");
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${url}/api/hash`, { method: "POST", headers: { "content-type": "text/plain", "content-length": "6" } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("abc");
      setTimeout(() => {
        child.kill("SIGTERM");
        setTimeout(() => req.end("def"), 300);
      }, 100);
    });
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ bytes: 6 });

    const finished = await done;
    expect(finished.code).toBe(0);
    const messages = finished.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(["listening", "shutdown started", "shutdown complete"]));
    await expect(send(url, { path: "/healthz" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("ignores a repeated signal during the drain instead of dying mid-drain", async () => {
    const child = spawnTs("app/src/server.ts", [], { PORT: "0", HOST: "127.0.0.1", SHUTDOWN_DRAIN_DELAY_MS: "400" });
    const { done, stdout } = collect(child);
    const listening = await waitForLog(stdout, "listening");
    const url = `http://127.0.0.1:${listening.port as number}`;
    child.kill("SIGINT");
    await waitForLog(stdout, "shutdown started");
    child.kill("SIGINT");
    child.kill("SIGTERM");
    await waitForLog(stdout, "signal ignored: shutdown already under way");
    // still draining: served, but not ready
    expect((await send(url, { path: "/readyz" })).status).toBe(503);
    const finished = await done;
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('"msg":"shutdown complete"');
  });

  it("refuses a bad setting with exit 2, naming the variable and the fix", async () => {
    const { done } = collect(spawnTs("app/src/server.ts", [], { PORT: "eighty" }));
    const finished = await done;
    expect(finished.code).toBe(2);
    expect(finished.stderr).toContain("PORT=eighty is not valid; use a whole number from 0 to 65535");
  });
});
