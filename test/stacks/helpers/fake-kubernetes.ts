import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeRoute } from "../fixtures/kubernetes";

/** Path plus query with parameters sorted, so routes do not depend on the client's parameter order. */
export function normalisePath(pathWithQuery: string): string {
  const url = new URL(pathWithQuery, "http://x");
  url.searchParams.sort();
  const query = url.searchParams.toString();
  return url.pathname + (query ? `?${query}` : "");
}

export interface FakeKubernetes {
  url: string;
  requests: string[];
  kubeconfig: string;
  close(): Promise<void>;
}

/** A loopback HTTP server answering like the Kubernetes API from recorded responses; 404 Status otherwise. */
export async function startFakeKubernetes(routes: Map<string, FakeRoute>): Promise<FakeKubernetes> {
  const table = new Map([...routes].map(([path, route]) => [normalisePath(path), route]));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = normalisePath(req.url ?? "/");
    requests.push(`${req.method ?? "?"} ${path}`);
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message: `the server could not find the requested resource (${path})`, reason: "NotFound", code: 404 }));
      return;
    }
    res.writeHead(route.status, { "content-type": route.contentType });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // The same shape as the eks kubeconfig output (JSON), with a static token instead of the exec plugin;
  // client-node refuses plain http unless TLS verification is explicitly off.
  const kubeconfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "archbench", cluster: { server: url, "insecure-skip-tls-verify": true } }],
    users: [{ name: "archbench", user: { token: "test-token" } }],
    contexts: [{ name: "archbench", context: { cluster: "archbench", user: "archbench" } }],
    "current-context": "archbench",
  });
  return {
    url,
    requests,
    kubeconfig,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
