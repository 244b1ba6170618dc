import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const text = readFileSync(process.argv[2], "utf8");
try {
  const r = await mermaid.parse(text);
  console.log("ok", JSON.stringify(r));
} catch (e) {
  console.error("invalid:", e.message ?? e);
  process.exit(1);
}
