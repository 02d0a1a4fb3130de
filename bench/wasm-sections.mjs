// Prints the size of each section of a wasm module and of its data segments,
// raw and gzip: where the bytes of the download go. Usage: node bench/wasm-sections.mjs pkg/loupe_bg.wasm
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const bytes = readFileSync(process.argv[2] ?? "pkg/loupe_bg.wasm");
const names = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];
let pos = 8;
const leb = () => { let r = 0, s = 0, b; do { b = bytes[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const rows = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  let name = names[id] ?? `#${id}`;
  if (id === 0) { const n = leb(); name = "custom:" + new TextDecoder().decode(bytes.subarray(pos, pos + n)); }
  const body = bytes.subarray(start, start + size);
  rows.push({ name, raw: size, gzip: gzipSync(body, { level: 9 }).length });
  pos = start + size;
}
const total = bytes.length;
console.log(`total ${total} B, gzip ${gzipSync(bytes, { level: 9 }).length} B`);
for (const r of rows) console.log(`${r.name.padEnd(28)} ${String(r.raw).padStart(9)} ${String(r.gzip).padStart(9)} gz  ${(100 * r.raw / total).toFixed(1)}%`);
