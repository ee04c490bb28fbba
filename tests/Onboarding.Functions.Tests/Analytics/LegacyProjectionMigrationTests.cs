using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Events;
using Onboarding.Functions.Analytics;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Erasure;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>Projection rows written before pseudonyms: read as their pseudonyms meanwhile, then moved by the roll-up's migration.</summary>
public sealed class LegacyProjectionMigrationTests
{
    /// <summary>A row as the projection wrote it before pseudonyms: the id in its shard, its row key and an <c>OrganizationId</c> column.</summary>
    private static TableEntity LegacyRow(OnboardingEvent e)
    {
        var modern = EventEntityMapper.ToDailyRow(e, TestPseudonyms.Instance);
        var row = new TableEntity(EventEntityMapper.DailyPartition(e.Timestamp, e.OrganizationId), $"{e.Type}|{e.OrganizationId}|{e.Id}");
        foreach (var (name, value) in modern.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "OrganizationKey")))
        {
            row[name] = value;
        }
        row["OrganizationId"] = e.OrganizationId;
        return row;
    }

    private static async Task<string[]> FunnelAsync(InProcessApp app, AnalyticsDataSet set)
    {
        using var client = app.CreateClient().WithToken(TestTokens.Analyst());
        using var response = await client.GetAsync("/api/analytics/funnel?" + set.Range(0, 2));
        var funnel = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. funnel.GetProperty("steps").EnumerateArray().Select(s => $"{s.GetProperty("reached")} {s.GetProperty("completed")} {s.GetProperty("dropped")}")];
    }

    [Fact]
    public async Task LegacyRowsCountAsTheirPseudonymsAndTheMigrationMovesThemOnceLeavingNoOrganizationId()
    {
        var set = AnalyticsDataSet.HandComputed();
        var daily = TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable);
        await daily.CreateIfNotExistsAsync();
        // Half the events as before pseudonyms, half as now: one organization's rows of both kinds must count once.
        var legacy = set.Events.Where((_, i) => i % 2 == 0).ToList();
        foreach (var row in legacy.Select(LegacyRow).Concat(set.Events.Where((_, i) => i % 2 == 1).Select(e => EventEntityMapper.ToDailyRow(e, TestPseudonyms.Instance))))
        {
            await daily.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }
        await using var app = new InProcessApp().WithServices(s => s.AddSingleton<TimeProvider>(new ManualClock(set.At(5, 12))));
        var migration = app.Services.GetRequiredService<LegacyProjectionMigration>();
        var orgs = set.Events.Select(e => e.OrganizationId).Distinct().ToList();

        var before = await FunnelAsync(app, set);
        var moved = await migration.RunAsync(100_000, CancellationToken.None);
        var again = await migration.RunAsync(100_000, CancellationToken.None);
        var after = await FunnelAsync(app, set);

        Assert.Equal(["0 0 0", "7 6 1", "6 5 1", "5 4 1", "4 3 1", "3 2 1"], before);
        Assert.Equal(before, after);
        Assert.True(moved >= legacy.Count, $"moved {moved} of {legacy.Count}");   // and any other legacy rows in this Azurite
        Assert.Equal(0, again);
        var analyticsRows = (await OrganizationFootprint.RowsContainingAsync(orgs))
            .Where(r => r.StartsWith(OnboardingStorage.DailyTable + " ", StringComparison.Ordinal) || r.StartsWith(OnboardingStorage.DailySummaryTable + " ", StringComparison.Ordinal));
        Assert.Empty(analyticsRows);
    }
}
