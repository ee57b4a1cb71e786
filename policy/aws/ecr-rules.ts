import { at, type Props } from "../props";

/** Every pushed image is scanned for known vulnerabilities. */
export function scansOnPush(repository: Props, name: string): string[] {
  return at(repository, "imageScanningConfiguration", "scanOnPush") === true ? [] : [`ECR repository ${name}: imageScanningConfiguration.scanOnPush is not true`];
}
