// Compares what real kustomize rendered (a YAML file) with what render.mjs renders for the same overlay.
// Usage: node compare.mjs <overlay dir> <kustomize output.yaml>   Exit status 1 on any difference.
import { render, loadDocuments } from "./render.mjs";

const [overlay, realFile] = process.argv.slice(2);
const sorted = (v) => JSON.stringify(v, (k, x) => (x && typeof x === "object" && !Array.isArray(x)
  ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
const key = (o) => `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
const mine = new Map(render(overlay).map((o) => [key(o), sorted(o)]));
const real = new Map(loadDocuments(realFile).map((o) => [key(o), sorted(o)]));
let differences = 0;
for (const k of new Set([...mine.keys(), ...real.keys()])) {
  if (mine.get(k) !== real.get(k)) {
    differences++;
    console.log(`differs: ${k}\n  kustomize: ${real.get(k)}\n  renderer:  ${mine.get(k)}`);
  }
}
console.log(`${overlay}: ${real.size} objects from kustomize, ${mine.size} rendered, ${differences} differences`);
process.exit(differences ? 1 : 0);
