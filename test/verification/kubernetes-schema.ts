import { isRecord } from "../../policy/props";

/**
 * Schema validation of Kubernetes objects with kubernetes-models, whose JSON schemas are generated
 * from the Kubernetes OpenAPI spec (5.x: Kubernetes v1.36.0, with enums restored). It checks types,
 * enum values, required fields and quantity formats; it does not reject unknown fields (tsc does, on
 * the typed @pulumi/kubernetes args).
 */
export const SCHEMA_PACKAGE_MAJOR = 5;
export const SCHEMA_KUBERNETES_VERSION = "1.36.0";

interface Model {
  validate(): void;
}
interface AjvError {
  instancePath: string;
  message?: string;
  params?: { allowedValues?: unknown[]; missingProperty?: string };
}

/** `apiVersion` → the kubernetes-models module holding its kinds ("apps/v1" → kubernetes-models/apps/v1). */
async function modelsOf(apiVersion: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** What the schema of the object's apiVersion/kind says is wrong, one line per error; [] when valid. */
export async function schemaErrors(object: unknown): Promise<string[]> {
  if (!isRecord(object) || typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    return ["not a Kubernetes object (no apiVersion/kind)"];
  }
  const Model = (await modelsOf(object.apiVersion))?.[object.kind] as (new (data: unknown) => Model) | undefined;
  if (typeof Model !== "function") return [`no schema for ${object.apiVersion} ${object.kind} in kubernetes-models`];
  try {
    new Model(object).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: AjvError[] }).errors;
    if (!errors) throw err;
    return errors.map((e) => {
      const allowed = e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : "";
      return `${e.instancePath || "/"} ${e.message ?? "is invalid"}${allowed}`;
    });
  }
}
