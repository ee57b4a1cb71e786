// The policy pack's entry point. Constructing a PolicyPack starts its gRPC server, so nothing but the
// Pulumi CLI may import this file; tests import ./policies instead.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("archbench", { policies });
