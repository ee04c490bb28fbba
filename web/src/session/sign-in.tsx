// Sign-in: in Azure, OpenID Connect (MSAL) against the API's authority; locally, a development token for an
// organization and role, as scripts/dev-token.sh makes.
import { useState } from "preact/hooks";
import { usesOpenIdConnect } from "../config";
import { fetchDevToken } from "./dev-sign-in";
import { redirectToSignIn } from "./openid";
import { signIn } from "./store";

export function SignIn() {
  const [org, setOrg] = useState("demo-org");
  const [role, setRole] = useState("org_admin");
  const [error, setError] = useState<string>();
  if (usesOpenIdConnect) {
    return (
      <section class="card sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        {error && <p role="alert" class="problem">{error}</p>}
        <button type="button" onClick={() => redirectToSignIn().catch((e: unknown) => setError(String(e)))}>Sign in with your organization account</button>
      </section>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      signIn(await fetchDevToken(org, role));
      location.hash = role === "platform_analyst" ? "#/analytics" : "#/onboarding";
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };
  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in (local development)</h1>
      <p>A development token signed with this checkout's key, as <code>scripts/dev-token.sh</code> makes.</p>
      {error && <p role="alert" class="problem">{error}</p>}
      <div class="field">
        <label for="sign-in-org">Organization</label>
        <input id="sign-in-org" name="org" value={org} onInput={(e) => setOrg(e.currentTarget.value)} autoComplete="organization" />
      </div>
      <div class="field">
        <label for="sign-in-role">Role</label>
        <select id="sign-in-role" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          <option value="org_admin">Organization admin</option>
          <option value="org_member">Organization member</option>
          <option value="platform_analyst">Platform analyst</option>
        </select>
      </div>
      <button type="submit">Sign in</button>
    </form>
  );
}
