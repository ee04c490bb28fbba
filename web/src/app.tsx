// The shell: who is signed in, the areas their token allows (hash routes #/onboarding, #/analytics), sign-out.
import { useEffect, useState } from "preact/hooks";
import { isAnalyst, isMember, type Session } from "./session/claims";
import { currentSession, onSessionChange, signOut } from "./session/store";
import { SignIn } from "./session/sign-in";
import { OnboardingPage } from "./onboarding/onboarding-page";
import { AnalyticsPage } from "./analytics/analytics-page";

const route = () => (location.hash.startsWith("#/analytics") ? "analytics" : "onboarding");

export function App() {
  const [session, setSession] = useState<Session | undefined>(currentSession());
  const [area, setArea] = useState(route());
  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    const follow = () => setArea(route());
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);

  const onboarding = session !== undefined && isMember(session);
  const analytics = session !== undefined && isAnalyst(session);
  const shown = area === "analytics" && analytics ? "analytics" : onboarding ? "onboarding" : analytics ? "analytics" : undefined;
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="top">
        <span class="brand">Scheduling · onboarding</span>
        {session && (
          <nav aria-label="Areas">
            {onboarding && <a href="#/onboarding" aria-current={shown === "onboarding" ? "page" : undefined}>Onboarding</a>}
            {analytics && <a href="#/analytics" aria-current={shown === "analytics" ? "page" : undefined}>Analytics</a>}
          </nav>
        )}
        {session && (
          <span class="who">
            {session.organizationId ? `${session.organizationId} · ` : ""}{session.roles.join(", ")}
            <button type="button" class="secondary" onClick={signOut}>Sign out</button>
          </span>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {!session && <SignIn />}
        {session && shown === "onboarding" && <OnboardingPage session={session} />}
        {session && shown === "analytics" && <AnalyticsPage />}
        {session && shown === undefined && <p role="alert">This token has none of the roles this app serves (org_admin, org_member, platform_analyst).</p>}
      </main>
    </>
  );
}
