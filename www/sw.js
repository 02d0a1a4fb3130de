// Offline support: network first (so a new build is picked up at once), the
// cache when the network is off. Only this site's own GET requests are touched;
// Loupe never requests anything else.
const CACHE = "loupe-v1";
const SEEDS = ["000_f4f32ae1ca8a69d0.txt", "001_ffb8b093a4ec8e90.txt", "002_957b921f09bb17c1.txt", "003_9b0716382a39d7aa.txt", "004_116f1c2f58902dd8.txt"];
const ASSETS = ["./", "index.html", "style.css", "app.js", "i18n.js", "client.js", "export.js", "worker.js", "widget.js", "widget-define.js",
  "../pkg/loupe.js", "../pkg/loupe_full_bg.wasm", ...SEEDS.map((s) => `../seeds/${s}`)];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => Promise.all(ASSETS.map((a) => c.add(a).catch(() => {})))).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== location.origin) return;
  e.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(e.request);
      if (res.ok) cache.put(e.request, res.clone());
      return res;
    } catch (err) {
      const hit = await cache.match(e.request, { ignoreSearch: true });
      if (hit) return hit;
      throw err;
    }
  })());
});
