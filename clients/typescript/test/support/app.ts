// The running app the tests call (scripts/lib/client-tests.sh starts it) and development tokens for it, minted as
// tools/Onboarding.DevTokens mints them: HS256 with the app's key, issuer and audience.
import { createHmac, randomUUID } from "node:crypto";
import { createOnboardingClient, type OnboardingClient, type OnboardingClientOptions } from "../../src/index.js";

function setting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set: run the tests through scripts/lib/client-tests.sh, which starts the app.`);
  }
  return value;
}

export const apiUrl = setting("ONBOARDING_API_URL");

export type Role = "org_admin" | "org_member" | "platform_analyst";

export function token(orgId: string | undefined, role: Role = "org_admin"): string {
  const key = setting("Auth__SigningKey");
  const secret = key.startsWith("base64:") ? Buffer.from(key.slice("base64:".length), "base64") : Buffer.from(key, "utf8");
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub: "client-tests",
    [process.env["Auth__RoleClaim"] || "roles"]: [role],
    iss: setting("Auth__Issuer"),
    aud: process.env["Auth__Audience"] || "onboarding-api",
    iat: now,
    nbf: now,
    exp: now + 600,
  };
  if (orgId !== undefined) {
    claims[process.env["Auth__OrganizationClaim"] || "org_id"] = orgId;
  }
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

/** An organization id no other test uses. */
export function uniqueOrg(): string {
  return `ts-${randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

export function clientFor(orgId: string | undefined, role: Role = "org_admin", options: Partial<OnboardingClientOptions> = {}): OnboardingClient {
  const bearer = token(orgId, role);
  return createOnboardingClient({ baseUrl: apiUrl, token: () => bearer, ...options });
}
