import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configMap, readStackConfig } from "../../../stacks/offline/stack-config";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function stackDir(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archbench-stack-config-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), yaml);
  return dir;
}

describe("readStackConfig", () => {
  it("serialises structured values as JSON, as the engine does", () => {
    const dir = stackDir("config:\n  aws:region: us-east-1\n  archbench:app: { replicas: 2 }\n");
    expect(readStackConfig("t", dir)).toEqual({ "aws:region": "us-east-1", "archbench:app": '{"replicas":2}' });
  });
  it("names the missing file", () => {
    expect(() => readStackConfig("none", stackDir(""))).toThrow(/Pulumi\.none\.yaml: no such stack file/);
  });
  it("names a YAML alias that contains itself by its key, instead of a JavaScript error", () => {
    const dir = stackDir("config:\n  aws:region: us-east-1\n  archbench:pools: &a [*a]\n");
    expect(() => readStackConfig("t", dir)).toThrow(/Pulumi\.t\.yaml: archbench:pools: .*refers to itself.*write the value out/);
  });
});

describe("configMap", () => {
  it("keeps a key named __proto__ as an own key", () => {
    const config = JSON.parse('{"archbench:__proto__": {"kubernetesVersion": "1.20"}}') as Record<string, unknown>;
    expect(Object.keys(configMap(config))).toEqual(["archbench:__proto__"]);
  });
});
