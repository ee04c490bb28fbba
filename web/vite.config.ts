// Vite builds and serves the app. The client is compiled from its sources (clients/typescript/src), so a clean
// clone needs no build of the client first; openapi-fetch is this package's own copy.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { devTokenPlugin } from "./dev/dev-token-plugin";

const clientSource = fileURLToPath(new URL("../clients/typescript/src/index.ts", import.meta.url));

export default defineConfig({
  // WEB_API_BASE_URL, WEB_AUTH_AUTHORITY, WEB_AUTH_CLIENT_ID, WEB_AUTH_SCOPE, WEB_REFRESH_SECONDS (see src/config.ts).
  envPrefix: "WEB_",
  resolve: {
    alias: { "@onboarding/client": clientSource },
    dedupe: ["openapi-fetch"],
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  server: { host: "127.0.0.1", port: 5173, strictPort: true, fs: { allow: [".."] } },
  preview: { host: "127.0.0.1", strictPort: true },
  plugins: [devTokenPlugin()],
  build: { sourcemap: true, chunkSizeWarningLimit: 700 },
});
