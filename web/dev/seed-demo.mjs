// Loads the demo data set (dev/demo-data.mjs) onto the events queue of the storage the app uses:
//   node dev/seed-demo.mjs [--organizations 24] [--days 14] [--prefix demo]
// Storage from AZURITE_CONNECTION_STRING (scripts/run.sh --demo sets it), queue from ONBOARDING_EVENTS_QUEUE.
import { parseArgs } from "node:util";
import { demoJourneys, enqueueJourneys } from "./demo-data.mjs";

const { values } = parseArgs({
  options: { organizations: { type: "string", default: "24" }, days: { type: "string", default: "14" }, prefix: { type: "string", default: "demo" } },
});
const connectionString = process.env.AZURITE_CONNECTION_STRING ?? process.env.AzureWebJobsStorage;
if (!connectionString || connectionString === "UseDevelopmentStorage=true") {
  console.error("Set AZURITE_CONNECTION_STRING to the storage's connection string (scripts/run.sh --demo does).");
  process.exit(2);
}
const journeys = demoJourneys({ prefix: values.prefix, organizations: Number(values.organizations), days: Number(values.days) });
const count = await enqueueJourneys({ connectionString, queueName: process.env.ONBOARDING_EVENTS_QUEUE ?? "onboarding-events", journeys });
console.log(`Queued ${count} events of ${journeys.length} demo organizations (${values.prefix}-01 …); the app ingests them within seconds.`);
