// The README's frontend example is examples/frontend.ts, which the build type-checks against the generated types.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);

test("the README shows the example the build type-checks", async () => {
  const example = await readFile(new URL("examples/frontend.ts", root), "utf8");
  const readme = await readFile(new URL("../../README.md", root), "utf8");
  const region = /\/\/ README:start\n([\s\S]*?)\/\/ README:end\n/.exec(example)?.[1];
  assert.ok(region, "examples/frontend.ts has no README:start/README:end region");
  assert.ok(readme.includes("```ts\n" + region + "```\n"), "README.md does not show examples/frontend.ts's README region as it is; copy it over");
});
