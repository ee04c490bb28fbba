// The onboarding area: everything an organization's admin walks through; members see features and tutorials.
import { useState } from "preact/hooks";
import type { Session } from "../session/claims";
import { isAdmin } from "../session/claims";
import { Wizard } from "./wizard";
import { Checklist } from "./checklist";
import { Features } from "./features";
import { Tutorials } from "./tutorials";
import { SampleData } from "./sample-data";

export function OnboardingPage({ session }: { session: Session }) {
  const orgId = session.organizationId;
  // Bumped after a change that moves other panels (a wizard step completes a task, generates sample data).
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  if (!orgId) return <p role="alert">This token names no organization (claim org_id).</p>;
  const admin = isAdmin(session);
  return (
    <div class="onboarding">
      <h1>Welcome, {orgId}</h1>
      {admin ? (
        <div class="grid">
          <Wizard orgId={orgId} canEdit={admin} onChanged={changed} />
          <Checklist orgId={orgId} canEdit={admin} version={version} />
          <SampleData orgId={orgId} canEdit={admin} version={version} onChanged={changed} />
          <Features orgId={orgId} canEdit={admin} />
          <Tutorials orgId={orgId} />
        </div>
      ) : (
        <div class="grid">
          <p class="card">The setup wizard, checklist and sample data are your organization's administrators' to see.</p>
          <Features orgId={orgId} canEdit={false} />
          <Tutorials orgId={orgId} />
        </div>
      )}
    </div>
  );
}
