import { at } from "../props";
import { describe } from "./pod-template";

/**
 * No LoadBalancer Service unless the stack opts in: the load balancer's ENIs outlive the Service and
 * block VPC deletion on teardown.
 */
export function noLoadBalancer(service: unknown, allowLoadBalancer: boolean): string[] {
  if (allowLoadBalancer || at(service, "spec", "type") !== "LoadBalancer") return [];
  return [`${describe(service)}: type LoadBalancer (its ENIs block VPC deletion on teardown); use ClusterIP, or set the policy config allowLoadBalancer: true`];
}
