// One client per signed-in tab: its token from the session, its ETags kept per organization and resource.
import { createOnboardingClient, type OnboardingClient } from "@onboarding/client";
import { config } from "./config";
import { currentSession } from "./session/store";

let client: OnboardingClient | undefined;

export function api(): OnboardingClient {
  client ??= createOnboardingClient({ baseUrl: config.apiBaseUrl, token: () => currentSession()?.token });
  return client;
}
