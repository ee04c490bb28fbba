using System.Text.Json.Nodes;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Erasure;

/// <summary>Writing every kind of row an organization can have, and finding every row anywhere that names it.</summary>
public static class OrganizationFootprint
{
    /// <summary>What <see cref="WriteEverythingAsync"/> wrote that a test looks for afterwards.</summary>
    public sealed record Written(string Secret, IReadOnlyList<string> QueuedEventIds);

    /// <summary>
    /// Through the API: a wizard step with a recognisable value, a tutorial started, sample data generated; through the
    /// queue: a batch of activity and onboarding events. Returns once the queued events are stored.
    /// </summary>
    public static async Task<Written> WriteEverythingAsync(ITestApp app, string org)
    {
        var secret = "Choir " + Guid.NewGuid().ToString("N")[..8];
        using var admin = app.ClientFor(org);
        (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1",
            JsonRequests.Json($$"""{"organizationName":"{{secret}}","location":"Springfield","timezone":"Europe/Berlin"}"""))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();

        var queued = new List<JsonObject>
        {
            TestEvents.Event(org, "volunteer_added"),
            TestEvents.Event(org, "volunteer_added"),
            TestEvents.Event(org, "event_created"),
            TestEvents.Event(org, "team_created", more: e => e["isSample"] = true),
            TestEvents.Event(org, "video_played", more: e => e["data"] = new JsonObject { ["videoId"] = "intro" }),
            TestEvents.Event(org, "view_reports", more: e => e["timestamp"] = TestEvents.At.AddDays(-3).ToString("O")),
        };
        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(queued));
        await app.DrainAsync();
        var ids = queued.Select(e => (string)e["id"]!).ToList();
        await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), rows => ids.All(id => rows.Any(r => r.RowKey == "event|" + id)));
        return new Written(secret, ids);
    }

    /// <summary>
    /// Every row of the app's tables (and <paramref name="moreTables"/>) whose PartitionKey, RowKey or any text
    /// property contains <paramref name="organizationId"/>, as "table PK RK". Scans the tables whole.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RowsNamingAsync(string organizationId, params string[] moreTables)
    {
        var found = new List<string>();
        var tables = TestStorage.Tables();
        foreach (var name in OnboardingStorage.Tables.Concat(moreTables).Distinct())
        {
            var table = tables.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.PartitionKey.Contains(organizationId, StringComparison.Ordinal) || row.RowKey.Contains(organizationId, StringComparison.Ordinal)
                    || row.Select(p => p.Value).OfType<string>().Any(v => v.Contains(organizationId, StringComparison.Ordinal)))
                {
                    found.Add($"{name} {row.PartitionKey} {row.RowKey}");
                }
            }
        }
        return found;
    }
}
