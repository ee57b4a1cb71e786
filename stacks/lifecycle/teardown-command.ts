/** The exact commands that finish a teardown by hand, run where Pulumi.yaml is. */
export function teardownCommand(stack: string, projectDir: string, preserveConfig: boolean): string {
  const rm = `pulumi stack rm ${stack} --yes${preserveConfig ? " --preserve-config" : ""}`;
  return `cd ${projectDir} && pulumi destroy --stack ${stack} --yes && ${rm}`;
}
