import type {
  Policies,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { policies } from "../../policy/policies";

/** What `args.notApplicable()` throws here, as the policy server's own version throws. */
class NotApplicable extends Error {}

export interface FakeResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
}

const urnOf = (r: FakeResource) => `urn:pulumi:test::archbench::${r.type}::${r.name}`;
const typeOf = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType;

/** A PolicyResource as the policy server builds one for a stack validation. */
export function policyResource(r: FakeResource): PolicyResource {
  return {
    type: r.type,
    name: r.name,
    urn: urnOf(r),
    props: r.props,
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
    dependencies: [],
    propertyDependencies: {},
    isType: (cls) => typeOf(cls) === r.type,
    asType: (cls) => (typeOf(cls) === r.type ? (r.props as never) : undefined),
  };
}

export function policyNamed(name: string, from: Policies = policies): ResourceValidationPolicy | StackValidationPolicy {
  const found = from.find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
}

/** Violation messages of one resource policy on one resource; "not applicable" when it declined. */
export async function resourceViolations(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  resource: FakeResource,
  config: Record<string, unknown> = {},
): Promise<string[] | "not applicable"> {
  if (!("validateResource" in policy) || !policy.validateResource) throw new Error(`${policy.name} is not a resource policy`);
  const base = policyResource(resource);
  const args: ResourceValidationArgs = {
    type: base.type,
    name: base.name,
    urn: base.urn,
    props: resource.props,
    opts: base.opts,
    stackTags: new Map(),
    isType: (cls) => typeOf(cls) === resource.type,
    asType: (cls) => (typeOf(cls) === resource.type ? (resource.props as never) : undefined),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
  const messages: string[] = [];
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  try {
    for (const validate of validations) await validate(args, (message) => messages.push(message));
  } catch (err) {
    if (err instanceof NotApplicable) return "not applicable";
    throw err;
  }
  return messages;
}

/** Violations of one stack policy over a whole stack. */
export async function stackViolations(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  resources: FakeResource[],
  config: Record<string, unknown> = {},
): Promise<{ message: string; urn?: string }[]> {
  if (!("validateStack" in policy)) throw new Error(`${policy.name} is not a stack policy`);
  const args: StackValidationArgs = {
    resources: resources.map(policyResource),
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
  const violations: { message: string; urn?: string }[] = [];
  try {
    await policy.validateStack(args, (message, urn) => violations.push({ message, urn }));
  } catch (err) {
    if (!(err instanceof NotApplicable)) throw err;
  }
  return violations;
}

/** One policy (resource or stack) over a whole stack: its violation messages, each naming the resource for resource policies. */
export async function policyViolations(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  resources: FakeResource[],
  config: Record<string, unknown> = {},
): Promise<string[]> {
  if ("validateStack" in policy) return (await stackViolations(policy, resources, config)).map((v) => v.message);
  const found: string[] = [];
  for (const resource of resources) {
    const messages = await resourceViolations(policy, resource, config);
    if (messages !== "not applicable") found.push(...messages.map((m) => `(${resource.type} ${resource.name}) ${m}`));
  }
  return found;
}

/** Every policy of the pack over a whole stack: `policy: message` lines. */
export async function allViolations(resources: FakeResource[], config: Record<string, unknown> = {}): Promise<string[]> {
  const found: string[] = [];
  for (const policy of policies) found.push(...(await policyViolations(policy, resources, config)).map((m) => `${policy.name}: ${m}`));
  return found;
}
