import type * as k8s from "@pulumi/kubernetes";

/** Labels enforcing the Pod Security Admission `restricted` profile on a namespace. */
export const RESTRICTED_NAMESPACE_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/enforce-version": "latest",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
};

/** The image's `node` user (uid/gid 1000); numeric, so the kubelet can verify runAsNonRoot. */
export const APP_UID = 1000;

export const restrictedPodSecurityContext: k8s.types.input.core.v1.PodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: APP_UID,
  runAsGroup: APP_UID,
  seccompProfile: { type: "RuntimeDefault" },
};

export const restrictedContainerSecurityContext: k8s.types.input.core.v1.SecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
};
