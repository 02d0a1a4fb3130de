// A small static server for the demo page and the tests, bound to 127.0.0.1.
// Serves the repository root (www/, pkg/, seeds/) with correct MIME types
// (application/wasm for .wasm). `startServer` is used by the e2e tests, which
// need extra headers (Content-Security-Policy, CORS) and a request log.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8", ".png": "image/png",
  ".svg": "image/svg+xml", ".ico": "image/x-icon", ".webmanifest": "application/manifest+json", ".ts": "text/plain; charset=utf-8",
};

/**
 * `files` maps URL paths to extra in-memory files (tests use it for page variants).
 * `delay(path)` holds a response back that many ms (tests use it to see the page before the analysis).
 * @param {{port?: number, root?: string, headers?: (path: string) => Record<string,string>, log?: string[], files?: Record<string,string|Buffer>, delay?: (path: string) => number}} opts
 * @returns {Promise<{url: string, close: () => Promise<void>, log: string[]}>}
 */
export function startServer({ port = 0, root = ROOT, headers = () => ({}), log = [], files = {}, delay = () => 0 } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    log.push(`${req.method} ${path}`);
    const wait = delay(path);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (Object.hasOwn(files, path)) {
      res.writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream", "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*", ...headers(path) });
      res.end(req.method === "HEAD" ? undefined : files[path]);
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    try {
      let s = await stat(file);
      if (s.isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { Location: path + "/" }).end();
          return;
        }
        file = join(file, "index.html");
        s = await stat(file);
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
        "Access-Control-Allow-Origin": "*",
        ...headers(path),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) =>
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      // server.close() alone waits for every open connection: a browser that keeps one open (a
      // request the test no longer cares about) held a test's teardown for minutes.
      ok({ url, log, close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }) });
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8000);
  const { url } = await startServer({ port });
  console.log(`Loupe demo: ${url}/www/  (widget demo: ${url}/www/widget-demo.html)  Ctrl-C to stop`);
}
