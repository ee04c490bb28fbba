// Sign-in in Azure: OpenID Connect against the authority the API trusts (Auth__Authority), through MSAL.
// Loaded only when the build is configured for it, so the local build carries none of it.
import { config } from "../config";

async function application() {
  const { PublicClientApplication } = await import("@azure/msal-browser");
  const msal = new PublicClientApplication({
    // The API's Auth__Authority is the issuer (…/v2.0 for Entra ID); MSAL wants the authority without that suffix.
    auth: { clientId: config.authClientId!, authority: config.authAuthority!.replace(/\/v2\.0\/?$/, ""), redirectUri: window.location.origin },
    cache: { cacheLocation: "sessionStorage" },
  });
  await msal.initialize();
  return msal;
}

const scopes = () => (config.authScope ? [config.authScope] : ["openid", "profile"]);

/** The access token after a redirect back from the authority, if this page load is one. */
export async function completeRedirect(): Promise<string | undefined> {
  const msal = await application();
  const result = await msal.handleRedirectPromise();
  return result?.accessToken || undefined;
}

export async function redirectToSignIn(): Promise<void> {
  const msal = await application();
  await msal.loginRedirect({ scopes: scopes() });
}
