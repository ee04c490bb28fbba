// Fails when the committed document or the types generated from it are behind what the app serves:
// run `npm run refresh` with the app running and commit both.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { generateTypes } from "../scripts/generate-types.js";
import { apiUrl } from "./support/app.js";

const root = new URL("../../", import.meta.url);

test("openapi.json is the document the app serves", async () => {
  const response = await fetch(`${apiUrl}/openapi/v1.json`);
  assert.equal(response.status, 200);
  const served = await response.json();
  const committed = JSON.parse(await readFile(new URL("openapi.json", root), "utf8"));
  assert.deepStrictEqual(committed, served, "clients/typescript/openapi.json is stale: run `npm run refresh` there with the app running");
});

test("src/generated/api.ts is what openapi-typescript makes of openapi.json", async () => {
  const committed = JSON.parse(await readFile(new URL("openapi.json", root), "utf8"));
  const generated = await generateTypes(committed);
  const kept = await readFile(new URL("src/generated/api.ts", root), "utf8");
  assert.ok(generated === kept, "clients/typescript/src/generated/api.ts is stale: run `npm run refresh` there with the app running");
});
