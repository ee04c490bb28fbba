// Local sign-in: asks the dev server's /dev-token route (dev/dev-token-plugin.ts) for a development token.
export async function fetchDevToken(org: string, role: string): Promise<string> {
  const response = await fetch(`/dev-token?${new URLSearchParams({ org, role })}`);
  if (response.status === 404) {
    throw new Error("This server has no development sign-in (only Vite's dev and preview servers do); build the app with WEB_AUTH_AUTHORITY and WEB_AUTH_CLIENT_ID for OpenID Connect sign-in.");
  }
  const body = (await response.json().catch(() => ({}))) as { token?: string; detail?: string; title?: string };
  if (!response.ok || !body.token) {
    throw new Error(body.detail ?? body.title ?? `The development sign-in answered ${response.status}.`);
  }
  return body.token;
}
