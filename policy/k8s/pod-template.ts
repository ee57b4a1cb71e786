import { at, isRecord, list, record, str, stringMap, type Props } from "../props";

/** The pods a workload object creates: their labels and pod spec. */
export interface PodTemplate {
  labels: Record<string, string>;
  spec: Props;
}

export interface Container {
  name: string;
  /** "containers" or "initContainers": where it was found, for messages. */
  list: string;
  props: Props;
}

/** The pod template of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob. */
export function podTemplateOf(object: unknown): PodTemplate | undefined {
  const kind = str(at(object, "kind"));
  const template =
    kind === "Pod" ? object : kind === "CronJob" ? at(object, "spec", "jobTemplate", "spec", "template") : at(object, "spec", "template");
  if (!isRecord(template)) return undefined;
  return { labels: stringMap(at(template, "metadata", "labels")), spec: record(template.spec) };
}

/** Every container of a pod spec, init containers included. */
export function containersOf(spec: Props): Container[] {
  return ["initContainers", "containers"].flatMap((listName) =>
    list(spec[listName]).map((c, i) => ({ name: str(record(c).name) ?? `#${i}`, list: listName, props: record(c) })),
  );
}

/** "Deployment archbench-app" for messages. */
export function describe(object: unknown): string {
  return `${str(at(object, "kind")) ?? "object"} ${str(at(object, "metadata", "name")) ?? "(unnamed)"}`;
}
