// What the token says: its organization and roles decide which areas the app shows.
export type Role = "org_admin" | "org_member" | "platform_analyst";

export interface Session {
  token: string;
  organizationId: string | undefined;
  roles: readonly string[];
  subject: string | undefined;
  expiresAt: number | undefined;
}

export function sessionOf(token: string): Session {
  const payload = token.split(".")[1];
  if (!payload) throw new Error("The token is not a JWT.");
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : typeof claims.roles === "string" ? [claims.roles] : [];
  return {
    token,
    organizationId: typeof claims.org_id === "string" ? claims.org_id : undefined,
    roles,
    subject: typeof claims.sub === "string" ? claims.sub : undefined,
    expiresAt: typeof claims.exp === "number" ? claims.exp * 1000 : undefined,
  };
}

export const isAdmin = (s: Session) => s.roles.includes("org_admin");
export const isMember = (s: Session) => s.roles.includes("org_member") || isAdmin(s);
export const isAnalyst = (s: Session) => s.roles.includes("platform_analyst");
