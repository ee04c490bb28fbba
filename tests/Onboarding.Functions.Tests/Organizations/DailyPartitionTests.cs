using Onboarding.Domain.Events;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Organizations;

public sealed class DailyPartitionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnOrganizationsShardIsTheSameInEveryProcessAndRelease()
    {
        // FNV-1a of "org-42" is 0x663C027E; 0x663C027E % 16 = 14. A change here would scatter stored days.
        Assert.Equal(14, EventEntityMapper.DailyShard("org-42"));
        Assert.Equal("20260314-14", EventEntityMapper.DailyPartition(Noon, "org-42"));
    }

    [Fact]
    public void ADayIsSpreadOverEveryShardAndNoShardTakesMuchMoreThanItsShare()
    {
        var counts = Enumerable.Range(0, 16_000).Select(i => EventEntityMapper.DailyShard($"org-{i}")).CountBy(s => s).ToDictionary();

        Assert.Equal(EventEntityMapper.DailyShards, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 800, 1_200));
    }

    [Fact]
    public void TheDailyRowOfAnEventIsInItsDayAndShardAndHoldsNothingNamingTheOrganization()
    {
        // Producers' ids, session ids and data may embed the organization's id; the projection keeps none of them.
        var e = new OnboardingEvent("snapshot-org-42-e1", "org-42", "checklist_task_completed", Noon.AddHours(11.5), SessionId: "sess-org-42",
            Data: new System.Text.Json.Nodes.JsonObject { ["taskId"] = "add_team", ["note"] = "for org-42" });
        var key = TestPseudonyms.Organization("org-42");

        var row = EventEntityMapper.ToDailyRow(e, TestPseudonyms.Instance);

        Assert.Equal($"20260314-{EventEntityMapper.DailyShard(key):00}", row.PartitionKey);
        Assert.Equal($"checklist_task_completed|{key}|{TestPseudonyms.Instance.Event("org-42", "snapshot-org-42-e1")}", row.RowKey);
        Assert.Equal(key, row.GetString("OrganizationKey"));
        Assert.Equal("""{"taskId":"add_team"}""", row.GetString("Data"));
        Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains("org-42", StringComparison.Ordinal) == true);
    }
}
