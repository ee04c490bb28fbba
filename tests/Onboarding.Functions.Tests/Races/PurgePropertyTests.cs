using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.SampleData;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Races;

/// <summary>
/// The nightly purge as a property: for seeded generation times, expiry settings and timer firings
/// (daily at a random time, past due, twice in a row, on both instances at once), every sample-data set
/// is purged by the first run at or after its expiry, and never before.
/// </summary>
public sealed class PurgePropertyTests(ITestOutputHelper output)
{
    private const int Organizations = 8;

    [Fact]
    public async Task EverySetIsPurgedByTheFirstRunAfterItExpiresAndNeverBefore() =>
        await FuzzSeed.RunAsync(output, nameof(EverySetIsPurgedByTheFirstRunAfterItExpiresAndNeverBefore), async seed =>
        {
            var random = new Random(seed);
            var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 300));
            // Expiry settings of whole and fractional days, different on the two instances.
            var expiryDays = new[] { ExpiryDays(random), ExpiryDays(random) };
            await using var first = new SampleDataApp(app => app.WithSetting("SampleData:ExpiryDays", expiryDays[0].ToString(CultureInfo.InvariantCulture)));
            first.Clock.Set(start);
            await using var second = SecondInstance(first, app => app.WithSetting("SampleData:ExpiryDays", expiryDays[1].ToString(CultureInfo.InvariantCulture)));
            await first.App.StartedAsync();
            await second.App.StartedAsync();
            var instances = new[] { first.App, second.App };

            var plan = Plan(random, start);
            var log = new StringBuilder($"seed {seed}: expiry days {expiryDays[0]} / {expiryDays[1]}, start {start:O}\n");
            var sets = new Dictionary<string, (DateTimeOffset ExpiresAt, int Rows)>();
            var runs = 0;
            foreach (var step in plan)
            {
                first.Clock.Set(step.At);
                if (step.Organization is { } generating)
                {
                    var instance = random.Next(2);
                    using var admin = instances[instance].ClientFor(generating);
                    using var generated = await admin.PostAsync($"/api/orgs/{generating}/onboarding/sample-data", null);
                    Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
                    var status = (await generated.ReadJsonAsync()).GetProperty("status");
                    sets[generating] = (status.GetProperty("expiresAt").GetDateTimeOffset(), status.GetProperty("itemCount").GetInt32());
                    log.AppendLine($"{step.At:O} generate {generating} on instance {instance + 1}: expires {sets[generating].ExpiresAt:O}");
                    continue;
                }

                log.AppendLine($"{step.At:O} purge: {step.Firing}");
                runs++;
                var answers = step.Firing switch
                {
                    Firing.BothInstancesAtOnce => await Task.WhenAll(instances.Select(i => i.RunPurgeAsync())),
                    Firing.Twice => [await instances[random.Next(2)].RunPurgeAsync(), await instances[random.Next(2)].RunPurgeAsync()],
                    Firing.PastDue => [await instances[random.Next(2)].RunPurgeAsync(isPastDue: true)],
                    _ => [await instances[random.Next(2)].RunPurgeAsync()],
                };
                foreach (var answer in answers)
                {
                    Assert.True(answer.StatusCode == HttpStatusCode.OK, $"purge answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{log}");
                    answer.Dispose();
                }
                foreach (var (org, set) in sets)
                {
                    var rows = await StoredRows.OfOrganizationAsync(org);
                    var sample = rows.Count(r => r.RowKey.StartsWith("sample|", StringComparison.Ordinal));
                    var state = rows.Single(r => r.RowKey == "profile|state").GetString("SampleDataStatus");
                    if (set.ExpiresAt <= step.At)
                    {
                        Assert.True(sample == 0 && state == "Expired",
                            $"{org} expired at {set.ExpiresAt:O} but after the run at {step.At:O} it has {sample} sample rows and status {state}\n{log}");
                        Assert.Single(rows, r => r.GetString("Type") == "sample_data_cleared");
                    }
                    else
                    {
                        Assert.True(sample == set.Rows && state == "Active",
                            $"{org} expires at {set.ExpiresAt:O} but after the run at {step.At:O} it has {sample} of {set.Rows} sample rows and status {state}\n{log}");
                    }
                }
            }
            TestFigures.Report(output, "Purge property", $"{sets.Count} sets, {runs} purge runs checked");
            Assert.Empty(await first.IndexRowsAsync());
        });

    [Fact]
    public async Task TwoInstancesPurgingAtOnceExpireEachDueSetExactlyOnce()
    {
        await using var first = new SampleDataApp();
        await using var second = SecondInstance(first);
        await first.App.StartedAsync();
        await second.App.StartedAsync();
        var orgs = Enumerable.Range(0, 5).Select(i => TestStorage.UniqueId($"purge{i}")).ToList();
        foreach (var org in orgs)
        {
            using var admin = first.App.ClientFor(org);
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        }
        first.Clock.Advance(TimeSpan.FromDays(31));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first.App : second.App).RunPurgeAsync(isPastDue: i > 1)));

        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }
        foreach (var org in orgs)
        {
            var rows = await StoredRows.OfOrganizationAsync(org);
            Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("sample|", StringComparison.Ordinal));
            Assert.Equal("Expired", rows.Single(r => r.RowKey == "profile|state").GetString("SampleDataStatus"));
            Assert.Single(rows, r => r.GetString("Type") == "sample_data_cleared");
        }
        Assert.Empty(await first.IndexRowsAsync());
    }

    /// <summary>Another instance over the same expiry index, on the same clock.</summary>
    private static SampleDataApp SecondInstance(SampleDataApp first, Action<InProcessApp>? configure = null) =>
        new(app =>
        {
            app.WithSetting("SampleData:ExpiryIndexTable", first.IndexTable).WithServices(s => s.AddSingleton<TimeProvider>(first.Clock));
            configure?.Invoke(app);
        });

    private static double ExpiryDays(Random random) => new[] { 0.25, 0.5, 1, 1.5, 2, 2.75, 3 }[random.Next(7)];

    private enum Firing { Once, PastDue, Twice, BothInstancesAtOnce }

    private sealed record Step(DateTimeOffset At, string? Organization, Firing Firing);

    /// <summary>Generations spread over the first three days, and timer firings at seeded times every day until all have expired.</summary>
    private static List<Step> Plan(Random random, DateTimeOffset start)
    {
        var steps = new List<Step>();
        for (var i = 0; i < Organizations; i++)
        {
            steps.Add(new Step(start.AddMinutes(random.Next(0, 3 * 24 * 60)), TestStorage.UniqueId($"prop{i}"), Firing.Once));
        }
        for (var day = 0; day <= 8; day++)
        {
            // Two to four firings a day at seeded times: early and late in the day, past due, twice, on both instances.
            for (var firing = random.Next(2, 5); firing > 0; firing--)
            {
                steps.Add(new Step(start.AddDays(day).AddMinutes(random.Next(0, 24 * 60)), null, (Firing)random.Next(4)));
            }
        }
        return steps.OrderBy(s => s.At).ThenBy(s => s.Organization is null).ToList();
    }
}
