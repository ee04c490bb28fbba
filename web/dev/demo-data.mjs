// A demo data set for the dashboard: organizations' onboarding journeys (wizard started, steps completed with
// their durations, completed or skipped, checklist tasks) and product activity, put on the events queue as
// a product service would (one envelope per organization). Deterministic: the same prefix and day give the same
// event ids, so loading it twice stores nothing twice.
import { QueueClient } from "@azure/storage-queue";

const activity = ["event_created", "team_created", "volunteer_added", "volunteer_added", "volunteer_added", "assignment_created"];

/** A small seeded generator (mulberry32), so a data set is the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The events of `organizations` journeys, started over the last `days` days (0: all within the last minutes of
 * today), each organization id `${prefix}-${n}`. Returns [{ organizationId, events }].
 */
export function demoJourneys({ prefix = "demo", organizations = 24, days = 14, seed = 24, now = Date.now() } = {}) {
  const next = random(seed);
  const journeys = [];
  for (let n = 1; n <= organizations; n++) {
    const organizationId = `${prefix}-${String(n).padStart(2, "0")}`;
    const startedAt = days === 0 ? now - 5 * 60_000 + n * 1000 : now - Math.floor(next() * days) * 86_400_000 - Math.floor(next() * 6) * 3_600_000;
    let at = startedAt;
    const events = [];
    const add = (type, fields = {}) => events.push({ id: `${organizationId}:${type}:${events.length}`, organizationId, type, timestamp: new Date(at).toISOString(), ...fields });
    add("wizard_started");
    // Each step is completed by about four in five of those who reached it; some of the rest skip where they stop.
    let completedSteps = 0;
    while (completedSteps < 5 && next() < 0.82) completedSteps++;
    for (let step = 1; step <= completedSteps; step++) {
      const seconds = 20 + Math.floor(next() * 160);
      at += seconds * (days === 0 ? 10 : 1000);
      add("wizard_step_completed", { wizardStepReached: step, stepDurationSeconds: seconds });
    }
    if (completedSteps === 5) {
      add("wizard_completed", { completionTimeMinutes: Math.round((at - startedAt) / 60_000) });
      add("checklist_task_completed", { data: { taskId: "complete_profile" } });
    } else if (next() < 0.4) {
      add("wizard_skipped", { wizardStepDropped: completedSteps + 1 });
    }
    const active = Math.floor(next() * (completedSteps + 2));
    for (const type of activity.slice(0, active)) {
      at += (days === 0 ? 1 : 60) * 1000;
      add(type);
    }
    journeys.push({ organizationId, events: events.map((e) => ({ ...e, timestamp: new Date(Math.min(Date.parse(e.timestamp), now)).toISOString() })) });
  }
  return journeys;
}

/** Puts each organization's events on the queue as one version-1 envelope. */
export async function enqueueJourneys({ connectionString, queueName = "onboarding-events", journeys }) {
  const queue = new QueueClient(connectionString, queueName);
  await queue.createIfNotExists();
  for (const { events } of journeys) {
    await queue.sendMessage(JSON.stringify({ version: 1, events }));
  }
  return journeys.reduce((sum, j) => sum + j.events.length, 0);
}

/** Puts product activity for one organization on the queue (what a scheduling service would publish). */
export async function enqueueActivity({ connectionString, queueName = "onboarding-events", organizationId, types }) {
  const now = new Date().toISOString();
  const events = types.map((type, i) => ({ id: `activity:${organizationId}:${Date.now()}:${i}`, organizationId, type, timestamp: now }));
  await new QueueClient(connectionString, queueName).sendMessage(JSON.stringify({ version: 1, events }));
}

/** How many messages the queue holds, including those taken but not yet deleted. */
export async function queuedMessages({ connectionString, queueName = "onboarding-events" }) {
  return (await new QueueClient(connectionString, queueName).getProperties()).approximateMessagesCount ?? 0;
}
