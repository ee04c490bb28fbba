// Readable names for the catalog's ids and keys (the API gives i18n keys; a product would translate them).
const names: Record<string, string> = {
  organization_profile: "Organization profile",
  first_event: "First event",
  first_team: "First team",
  invite_volunteers: "Invite volunteers",
  finish_setup: "Finish setup",
  complete_profile: "Complete your profile",
  create_first_event: "Create your first event",
  add_team: "Add a team",
  run_first_schedule: "Run your first schedule",
  view_reports: "View reports",
  organizationName: "Organization name",
  timezone: "Time zone",
  eventTitle: "Event title",
  eventDateTime: "Event date and time",
  teamName: "Team name",
  teamRole: "Team role",
  expectedVolunteers: "Expected volunteers",
  inviteChannel: "Invite channel",
  generateSampleData: "Generate sample data",
  notificationPreference: "Notifications",
};

export function humanize(id: string): string {
  const last = id.split(".").filter((part) => part !== "title" && part !== "description").pop() ?? id;
  if (names[last]) return names[last];
  const words = last.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const formatDateTime = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—";
