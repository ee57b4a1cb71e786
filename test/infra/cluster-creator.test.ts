import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../infra/config";
import { creatorAdminProblems } from "../../infra/cluster-creator";
import { roleKey } from "../../infra/iam-role";

const CREATOR = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123";

describe("roleKey", () => {
  it("keys a role by account and name, ignoring its path and case", () => {
    expect(roleKey(CREATOR)).toBe("123456789012/awsreservedsso_admin_0123");
    expect(roleKey("arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_0123")).toBe(roleKey(CREATOR));
    expect(roleKey("arn:aws-us-gov:iam::123456789012:role/x")).toBe("123456789012/x");
  });

  it("keys nothing that is not a role", () => {
    expect(roleKey("arn:aws:iam::123456789012:user/alice")).toBeUndefined();
    expect(roleKey("arn:aws:sts::123456789012:assumed-role/ci/session")).toBeUndefined();
  });
});

describe("creatorAdminProblems", () => {
  it("names each listed role that is the creator's, with its key and the fix", () => {
    const problems = creatorAdminProblems(["arn:aws:iam::123456789012:role/other", "arn:aws:iam::123456789012:role/awsreservedsso_admin_0123"], CREATOR);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^archbench:cluster\.adminRoleArns\[1\]: arn:aws:iam::123456789012:role\/awsreservedsso_admin_0123 is the role running pulumi/);
    expect(problems[0]).toContain("remove it from the list");
  });

  it("passes other roles, the same name in another account, and a caller that is no role", () => {
    expect(creatorAdminProblems(["arn:aws:iam::210987654321:role/AWSReservedSSO_Admin_0123"], CREATOR)).toEqual([]);
    expect(creatorAdminProblems(["arn:aws:iam::123456789012:role/alice"], "arn:aws:iam::123456789012:user/alice")).toEqual([]);
  });
});

// The check as the program runs it: the invokes under mocks, an assumed SSO role as the caller.
let creatorModule: typeof import("../../infra/cluster-creator.js");
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
      call: (args) => {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
          return { accountId: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice", userId: "AROA:alice", id: "123456789012" };
        }
        if (args.token === "aws:iam/getSessionContext:getSessionContext") return { arn: String(args.inputs.arn), issuerArn: CREATOR, id: "x" };
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "archbench",
    "test",
    true,
  );
  creatorModule = await import("../../infra/cluster-creator.js");
});

function settle<T>(output: pulumi.Output<T>): Promise<T> {
  const internals = output as unknown as { promise(): Promise<T>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
  internals.isKnown.catch(() => undefined);
  internals.isSecret.catch(() => undefined);
  return internals.promise();
}

describe("checkedAgainstCaller (at preview)", () => {
  it("resolves the assumed role to its IAM role ARN, path included", async () => {
    await expect(settle(creatorModule.callerPrincipalArn())).resolves.toBe(CREATOR);
  });

  it("fails with a ConfigError when the caller's role is listed", async () => {
    const check = settle(creatorModule.checkedAgainstCaller(["arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_0123"], creatorModule.callerPrincipalArn()));
    await expect(check).rejects.toBeInstanceOf(ConfigError);
    await expect(check.catch((e: unknown) => pulumi.RunError.isInstance(e))).resolves.toBe(true);
    await expect(check).rejects.toThrow(/archbench:cluster\.adminRoleArns\[0\]: .* is the role running pulumi/);
  });

  it("resolves when it is not", async () => {
    await expect(settle(creatorModule.checkedAgainstCaller(["arn:aws:iam::123456789012:role/other"], creatorModule.callerPrincipalArn()))).resolves.toBeUndefined();
  });
});
