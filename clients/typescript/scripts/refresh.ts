// Copies the OpenAPI document the running app serves into openapi.json and regenerates src/generated/api.ts from it.
// Usage: ONBOARDING_API_URL=http://127.0.0.1:7071/api npm run refresh
import { writeFile } from "node:fs/promises";
import { generateTypes } from "./generate-types.js";

const apiUrl = process.env.ONBOARDING_API_URL ?? "http://127.0.0.1:7071/api";
const response = await fetch(`${apiUrl}/openapi/v1.json`);
if (!response.ok) {
  throw new Error(`GET ${apiUrl}/openapi/v1.json answered ${response.status}`);
}
const document = (await response.json()) as object;
const root = new URL("../../", import.meta.url);
await writeFile(new URL("openapi.json", root), JSON.stringify(document, null, 2) + "\n");
await writeFile(new URL("src/generated/api.ts", root), await generateTypes(document));
console.log(`openapi.json and src/generated/api.ts refreshed from ${apiUrl}`);
