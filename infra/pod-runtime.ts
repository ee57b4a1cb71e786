import type * as k8s from "@pulumi/kubernetes";

/** What every archbench pod gets besides its security context: a writable /tmp and where it runs. */

/** A small writable /tmp, since the root filesystem is read-only. */
export const tmpVolume = { volume: { name: "tmp", emptyDir: { sizeLimit: "64Mi" } }, mount: { name: "tmp", mountPath: "/tmp" } };

/** Downward-API env: where the pod runs, for /info and the results document. */
export const downwardEnv: k8s.types.input.core.v1.EnvVar[] = [
  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
  { name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
];
