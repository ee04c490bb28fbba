// What a build is configured with (Vite's WEB_* variables: locally from scripts/run.sh, in Azure from azd's outputs).
const env = import.meta.env;

export const config = {
  /** Where the API is; every path of the client starts with /api. */
  apiBaseUrl: (env.WEB_API_BASE_URL as string | undefined) ?? "http://127.0.0.1:7071",
  /** OpenID Connect sign-in (Entra ID through MSAL) when both are set; otherwise the local development sign-in. */
  authAuthority: env.WEB_AUTH_AUTHORITY as string | undefined,
  authClientId: env.WEB_AUTH_CLIENT_ID as string | undefined,
  /** The API's scope to ask a token for, e.g. api://<app id>/access_as_user. */
  authScope: env.WEB_AUTH_SCOPE as string | undefined,
  /** How often the onboarding area reads its state again (the checklist follows product activity). */
  refreshSeconds: Number(env.WEB_REFRESH_SECONDS ?? 5),
};

export const usesOpenIdConnect = Boolean(config.authAuthority && config.authClientId);
