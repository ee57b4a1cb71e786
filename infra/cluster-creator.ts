import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, configKey } from "./config";
import { roleKey } from "./iam-role";

/**
 * EKS gives the identity that creates the cluster an admin access entry of its own (pulumi-eks sets
 * bootstrapClusterCreatorAdminPermissions, not overridable), so listing that role again in
 * `archbench:cluster.adminRoleArns` makes the AccessEntry create fail with 409 ResourceInUseException,
 * ten minutes into `up`. The program resolves the caller at preview and refuses such a config before any
 * AWS resource is registered (see index.ts): pulumi-eks takes access entries as a plain map, so an entry
 * cannot be dropped once the caller is known, only refused.
 */

/** The problem with each listed role that is the cluster creator's, naming the key and the fix. Pure. */
export function creatorAdminProblems(adminRoleArns: readonly string[], creatorArn: string): string[] {
  const creator = roleKey(creatorArn);
  if (creator === undefined) return [];
  return adminRoleArns.flatMap((arn, i) =>
    roleKey(arn) === creator
      ? [
          `${configKey(["cluster", "adminRoleArns", i])}: ${arn} is the role running pulumi (${creatorArn}), which EKS already makes cluster admin as the cluster's creator; ` +
            "a second access entry for it fails the deploy halfway (409 ResourceInUseException); remove it from the list",
        ]
      : [],
  );
}

/**
 * The IAM ARN of the identity running the program: for an assumed role (SSO, OIDC in CI) the role's own
 * ARN with its path, which is the principal of EKS's creator entry.
 */
export function callerPrincipalArn(opts?: pulumi.InvokeOutputOptions): pulumi.Output<string> {
  return aws
    .getCallerIdentityOutput({}, opts)
    .apply((id) => aws.iam.getSessionContextOutput({ arn: id.arn }, opts))
    .apply((ctx) => ctx.issuerArn);
}

/** Resolves when no listed admin role is the caller; fails with a ConfigError otherwise. */
export function checkedAgainstCaller(adminRoleArns: readonly string[], caller: pulumi.Output<string>): pulumi.Output<void> {
  return caller.apply((arn) => {
    const problems = creatorAdminProblems(adminRoleArns, arn);
    // Marked as Pulumi's RunError, so the engine prints the message without a stack trace.
    if (problems.length > 0) throw Object.assign(new ConfigError(problems), { __pulumiRunError: true });
  });
}
