// Local sign-in only: GET /dev-token?org=…&role=… on Vite's dev and preview servers mints a development token
// with the per-checkout key scripts/lib/dev-auth.sh exports (Auth__SigningKey), as scripts/dev-token.sh does.
// The key stays in the server process; nothing of it is built into the app, and Azure has no such route.
import type { Plugin, Connect } from "vite";
// @ts-expect-error: a plain ES module shared with the browser tests, without type declarations.
import { mintDevToken } from "../../tests/browser/dev-token.mjs";

const roles = new Set(["org_admin", "org_member", "platform_analyst"]);

function handler(): Connect.NextHandleFunction {
  return (request, response, next) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== "/dev-token") return next();
    const org = url.searchParams.get("org") ?? "";
    const role = url.searchParams.get("role") ?? "";
    const answer = (status: number, body: unknown) => {
      response.statusCode = status;
      response.setHeader("Content-Type", status === 200 ? "application/json" : "application/problem+json");
      response.setHeader("Cache-Control", "no-store");
      response.end(JSON.stringify(body));
    };
    if (!roles.has(role)) return answer(400, { title: "Unknown role", detail: `The role must be one of ${[...roles].join(", ")}.`, errors: { role: ["Unknown role."] } });
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(org)) return answer(400, { title: "Invalid organization id", detail: "Letters, digits, '.', '_' and '-', up to 64, starting with a letter or digit.", errors: { org: ["Invalid organization id."] } });
    if (!process.env.Auth__SigningKey) return answer(503, { title: "No development key", detail: "Start Vite from scripts/run.sh (it exports the development signing key)." });
    return answer(200, { token: mintDevToken({ organizationId: org, roles: [role], subject: `web-${role}`, minutes: 60 }) });
  };
}

export function devTokenPlugin(): Plugin {
  return {
    name: "onboarding-dev-token",
    configureServer: (server) => void server.middlewares.use(handler()),
    configurePreviewServer: (server) => void server.middlewares.use(handler()),
  };
}
