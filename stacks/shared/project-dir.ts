import * as path from "node:path";

/** The repository root (where Pulumi.yaml lives): stack files, the program and the workflows are found from it. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");
