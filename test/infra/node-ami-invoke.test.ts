import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

// The SSM read as the program makes it, under mocks: one release has no arm64 AMI.
let amiIdOf: typeof import("../../infra/node-ami.js").amiIdOf;
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
      call: (args) => {
        const name = String(args.inputs.name);
        if (name.includes("arm64-standard-1.35-v20260101")) throw new Error("ParameterNotFound");
        return { name, value: "ami-0123456789abcdef0", id: name };
      },
    },
    "archbench",
    "test",
    true,
  );
  ({ amiIdOf } = await import("../../infra/node-ami.js"));
});

function settle<T>(output: pulumi.Output<T>): Promise<T> {
  const internals = output as unknown as { promise(): Promise<T>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
  internals.isKnown.catch(() => undefined);
  internals.isSecret.catch(() => undefined);
  return internals.promise();
}

describe("amiIdOf", () => {
  it("reads the AMI id from the parameter", async () => {
    await expect(settle(amiIdOf("/p/x86_64-standard-1.35-v20260714/image_id", { name: "b", arch: "amd64" }, "1.35.6-20260714", {}))).resolves.toBe("ami-0123456789abcdef0");
  });

  it("names archbench:amiReleaseVersion when the release has no AMI for the architecture", async () => {
    await expect(settle(amiIdOf("/p/arm64-standard-1.35-v20260101/image_id", { name: "bench-arm", arch: "arm64" }, "1.35.2-20260101", {}))).rejects.toThrow(
      /^archbench:amiReleaseVersion: 1\.35\.2-20260101 has no arm64 AMI \(SSM \/p\/arm64-standard-1\.35-v20260101\/image_id: .+\); pick a release/,
    );
  });
});
