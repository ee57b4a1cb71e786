import { Secret } from "@pulumi/policy";
import { isRecord } from "../props";
import { TYPES } from "../resource-types";
import type { StackResource, Violation } from "./stack-resource";

/** Stack outputs that hold credentials: anyone who can read the stack state could use them in plaintext. */
export const SENSITIVE_OUTPUTS = ["kubeconfig"] as const;

/** The engine's wire marker for a secret value (the Pulumi SDKs' `specialSigKey` / `specialSecretSig`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as the engine sends it (`{ [sig]: secretSig, value }`) or as @pulumi/policy wraps it (`Secret`). */
export function isMarkedSecret(value: unknown): boolean {
  return value instanceof Secret || (isRecord(value) && value[SIG_KEY] === SECRET_SIG);
}

/**
 * The root `pulumi:pulumi:Stack` resource carries the stack outputs as its properties. Each sensitive
 * output that is present must be marked secret. An absent output (a preview, where stack outputs are
 * still empty) is not judged.
 */
export function sensitiveOutputsAreSecret(resources: StackResource[], names: readonly string[] = SENSITIVE_OUTPUTS): Violation[] {
  const stack = resources.find((r) => r.type === TYPES.stack);
  if (!stack) return [];
  return names
    .filter((name) => stack.props[name] !== undefined && !isMarkedSecret(stack.props[name]))
    .map((name) => ({ message: `stack output ${name} is plaintext; export it with pulumi.secret()`, urn: stack.urn }));
}
