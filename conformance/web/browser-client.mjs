// Runs page/strophe-client.html in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and relays the page's step lines to stdout for the Java test (WebClientsTest).
//
//   node browser-client.mjs hostmeta=http://127.0.0.1:5280/.well-known/host-meta.json transport=websocket \
//        jid=alice@localhost password=... pubsub=pubsub.localhost node=news peer=bob@localhost/tcp
//
// The arguments go to the page as its query string (transport: websocket or bosh; the page finds
// the URL in host-meta). The page is served here, on 127.0.0.1 with a port of its own, so it is
// another origin than the XMPP server: the browser applies CORS (host-meta, BOSH) and sends its
// Origin (WebSocket) as it would for a real web app.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { parseArgs, report, fail } from "./scenario.mjs";

const args = parseArgs(process.argv.slice(2));
const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const STEP = /^(SERVICE|ONLINE|SUBSCRIBED|NOTIFIED|SENT|MESSAGE|DONE|ERROR)\b/;

// The only files the page needs.
const files = {
  "/strophe-client.html": [join(here, "page/strophe-client.html"), "text/html"],
  "/strophe-client.js": [join(here, "page/strophe-client.js"), "text/javascript"],
  "/strophe.umd.min.js": [join(here, "node_modules/strophe.js/dist/strophe.umd.min.js"), "text/javascript"],
};

const pages = createServer(async (req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  const file = files[path];
  if (!file) {
    res.writeHead(path === "/favicon.ico" ? 204 : 404).end();
    return;
  }
  res.writeHead(200, { "content-type": `${file[1]}; charset=utf-8` }).end(await readFile(file[0]));
});
await new Promise((resolve) => pages.listen(0, "127.0.0.1", resolve));

let browser;
async function cleanUp() {
  await browser?.close().catch(() => {});
  pages.close();
}

try {
  // Flags for a machine with no network but loopback: no background traffic, no first-run work.
  // Playwright gives each launch a new empty profile directory and removes it at close.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
} catch (err) {
  await cleanUp();
  fail(`cannot start ${CHROMIUM}: ${err.message}`);
}

const page = await browser.newPage();
const ended = new Promise((resolve) => {
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "log" && STEP.test(text)) {
      report(text);
      if (text === "DONE" || text.startsWith("ERROR")) resolve(text === "DONE" ? 0 : 1);
    } else {
      process.stderr.write(`[page ${msg.type()}] ${text}\n`);
    }
  });
  page.on("pageerror", (err) => {
    report(`ERROR page: ${err.message.replace(/\s+/g, " ")}`);
    resolve(1);
  });
});
page.on("requestfailed", (req) => process.stderr.write(`[request failed] ${req.url()} ${req.failure()?.errorText}\n`));

const { timeout_ms: _, ...pageArgs } = args;
const query = new URLSearchParams(pageArgs);
const { port } = pages.address();
await page.goto(`http://127.0.0.1:${port}/strophe-client.html?${query}`);
const code = await ended;
await cleanUp();
process.exit(code);
