using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Erasure;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>
/// Users and experiments in analytics, end to end through the queue, the tracking endpoint and the analytics routes, on
/// days of their own (random days in 2001–2019, which no other test uses): users counted by pseudonym, no raw user id
/// and no organization id where analytics keep their data, experiments answered per variant.
/// </summary>
public sealed class PseudonymousAnalyticsTests : IngestionAppTest
{
    private static DateTimeOffset UnusedDay() =>
        new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 6900));

    private static JsonObject At(JsonObject e, DateTimeOffset at)
    {
        e["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture);
        return e;
    }

    private static JsonObject WithId(JsonObject e, string id)
    {
        e["id"] = id;
        return e;
    }

    private async Task<JsonElement> GetAsync(string route)
    {
        using var client = App.CreateClient().WithToken(TestTokens.Analyst());
        using var response = await client.GetAsync("/api/analytics/" + route);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task IngestAsync(IReadOnlyList<JsonObject> events)
    {
        foreach (var batch in events.Chunk(40))
        {
            await App.EventsQueue().SendMessageAsync(TestEvents.Batch(batch));
        }
        await App.DrainAsync();
        Assert.Empty((await App.PoisonQueue().PeekMessagesAsync()).Value);
    }

    private static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    [Fact]
    public async Task ThreeUsersOverTwoDaysAreCountedExactlyAndNoTableHoldsTheirIdsOrTheOrganizations()
    {
        var day1 = UnusedDay().AddHours(9);
        var day2 = day1.AddDays(1);
        var (orgA, orgB) = (TestStorage.UniqueId(), TestStorage.UniqueId());
        var (u1, u2, u3) = ("user-" + Guid.NewGuid().ToString("N"), "user-" + Guid.NewGuid().ToString("N"), "user-" + Guid.NewGuid().ToString("N"));
        JsonObject By(string org, string type, DateTimeOffset at, string? user) =>
            At(TestEvents.Event(org, type, more: e => { if (user is not null) { e["userId"] = user; } }), at);

        await IngestAsync(
        [
            WithId(By(orgA, "event_created", day1, u1), $"svc:{orgA}:created"),   // an id that names the organization
            By(orgA, "team_created", day1.AddMinutes(5), u2),
            By(orgB, "volunteer_added", day1.AddMinutes(10), u1),    // u1 again, in another organization: one user
            By(orgB, "volunteer_added", day1.AddMinutes(20), null),  // no user: counts for its organization only
            By(orgB, "event_created", day2, u3),
            By(orgA, "view_reports", day2.AddHours(1), u1),
        ]);
        var daily = await GetAsync("daily-active?" + Range(day1, day2.AddDays(1)));
        var firstDay = await GetAsync("daily-active?" + Range(day1, day1));

        var days = daily.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("activeOrganizations").GetInt32(), d.GetProperty("activeUsers").GetInt32())).ToList();
        Assert.Equal([(2, 2), (2, 2), (0, 0)], days);
        Assert.Equal(3, daily.GetProperty("distinctUsers").GetInt32());
        Assert.Equal(2, firstDay.GetProperty("distinctUsers").GetInt32());
        // The closed days now have summaries too: every table, summaries' content included, is scanned.
        Assert.Empty(await OrganizationFootprint.RowsContainingAsync([u1, u2, u3]));
        var daily2 = TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable);
        foreach (var org in new[] { orgA, orgB })
        {
            var analyticsRows = (await OrganizationFootprint.RowsContainingAsync([org]))
                .Where(r => r.StartsWith(OnboardingStorage.DailyTable + " ", StringComparison.Ordinal) || r.StartsWith(OnboardingStorage.DailySummaryTable + " ", StringComparison.Ordinal));
            Assert.Empty(analyticsRows);
            Assert.Contains(await OrganizationFootprint.RowsContainingAsync([TestPseudonyms.Organization(org)]), r => r.StartsWith(OnboardingStorage.DailyTable + " ", StringComparison.Ordinal));
        }
        Assert.Contains(await OrganizationFootprint.RowsContainingAsync([TestPseudonyms.User(u1)]), r => r.StartsWith(OnboardingStorage.DailySummaryTable + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrackingCountsTheTokensSubjectAsTheUserAndQueuesOnlyItsPseudonym()
    {
        var org = TestStorage.UniqueId();
        var subject = "user-" + org;   // TestTokens' sub
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        using var member = App.ClientFor(org, Onboarding.Functions.Auth.OnboardingRoles.OrgMember);

        using var refused = await member.PostAsync($"/api/orgs/{org}/onboarding/events",
            JsonRequests.Json($$"""{"type":"view_reports","userId":"someone-else","timestamp":"{{at:O}}"}"""));
        using var tracked = await member.PostAsync($"/api/orgs/{org}/onboarding/events",
            JsonRequests.Json($$"""{"type":"view_reports","timestamp":"{{at:O}}"}"""));
        await App.DrainAsync();
        var problem = await refused.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(HttpStatusCode.Accepted, tracked.StatusCode);
        var events = await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), rows => rows.Any(r => r.GetString("Type") == "view_reports"));

        Assert.Equal(TestPseudonyms.User(subject), events.Single(r => r.GetString("Type") == "view_reports").GetString("UserKey"));
        Assert.Empty(await OrganizationFootprint.RowsContainingAsync([subject, "someone-else"]));
    }

    [Fact]
    public async Task ATwoVariantExperimentAnswersPerVariantWithTheTwoProportionTest()
    {
        var day = UnusedDay().AddHours(9);
        var experiment = "exp-" + Guid.NewGuid().ToString("N")[..8];
        var events = new List<JsonObject>();
        var later = new List<JsonObject>();
        void Journey(string variant, bool completes, string? laterVariant = null)
        {
            var org = TestStorage.UniqueId();
            events.Add(At(TestEvents.Event(org, "wizard_started", more: e => { e["experiment"] = experiment; e["variant"] = variant; }), day));
            if (completes)
            {
                events.AddRange(Enumerable.Range(1, 5).Select(step => At(TestEvents.Event(org, "wizard_step_completed", more: e =>
                {
                    e["wizardStepReached"] = step;
                    e["stepDurationSeconds"] = variant == "control" ? 120 : 60;
                }), day.AddMinutes(step))));
                events.Add(At(TestEvents.Event(org, "wizard_completed", more: e => e["completionTimeMinutes"] = variant == "control" ? 10 : 5), day.AddMinutes(5)));
            }
            if (laterVariant is not null)
            {
                // A later event naming another variant, in a later message, does not move the organization: its first event fixed it.
                later.Add(At(TestEvents.Event(org, "view_reports", more: e => { e["experiment"] = experiment; e["variant"] = laterVariant; }), day.AddHours(2)));
            }
        }
        for (var i = 0; i < 10; i++)
        {
            Journey("control", completes: i < 3);
            Journey("treatment", completes: i < 8, laterVariant: i == 0 ? "control" : null);
        }
        await IngestAsync(events);
        await IngestAsync(later);

        var completion = await GetAsync($"completion-time?{Range(day, day)}&experiment={experiment}");
        var funnel = await GetAsync($"funnel?{Range(day, day)}&experiment={experiment}");
        var checklist = await GetAsync($"checklist?{Range(day, day)}&experiment={experiment}");

        var variants = completion.GetProperty("variants").EnumerateArray().Select(v =>
            $"{v.GetProperty("variant").GetString()} {v.GetProperty("assigned")} {v.GetProperty("started")} {v.GetProperty("completed")} {v.GetProperty("completionRate")} {v.GetProperty("wizard").GetProperty("median")}").ToList();
        Assert.Equal(["control 10 10 3 0.3 10", "treatment 10 10 8 0.8 5"], variants);
        // By hand: p̂ = (3 + 8) / 20 = 0.55; SE = √(0.55 · 0.45 · (1/10 + 1/10)) = √0.0495 = 0.222486; z = (0.3 − 0.8) / 0.222486 = −2.2473;
        // two-sided p = erfc(2.2473 / √2) = 0.0246 (Python's math.erfc gives 0.024619).
        Assert.Equal(-2.2473, completion.GetProperty("comparison").GetProperty("z").GetDouble());
        Assert.Equal(0.0246, completion.GetProperty("comparison").GetProperty("pValue").GetDouble());
        Assert.Equal(experiment, funnel.GetProperty("experiment").GetString());
        var funnels = funnel.GetProperty("variants").EnumerateArray().Select(v =>
            v.GetProperty("variant").GetString() + ": " + string.Join(' ', v.GetProperty("steps").EnumerateArray().Skip(1)
                .Select(s => $"{s.GetProperty("reached")}/{s.GetProperty("completed")}/{s.GetProperty("medianDurationSeconds")}"))).ToList();
        Assert.Equal(["control: 10/3/120 3/3/120 3/3/120 3/3/120 3/3/120", "treatment: 10/8/60 8/8/60 8/8/60 8/8/60 8/8/60"], funnels);
        Assert.Equal("20", funnel.GetProperty("steps")[1].GetProperty("reached").GetRawText());
        Assert.Equal(["control 10 10", "treatment 10 10"], checklist.GetProperty("variants").EnumerateArray()
            .Select(v => $"{v.GetProperty("variant").GetString()} {v.GetProperty("assigned")} {v.GetProperty("organizations")}").ToList());
    }

    [Fact]
    public async Task AnUnknownExperimentHasNoVariantsAndAMalformedOneIsRefused()
    {
        var day = UnusedDay();

        var unknown = await GetAsync($"funnel?{Range(day, day)}&experiment=never-run");
        using var client = App.CreateClient().WithToken(TestTokens.Analyst());
        using var malformed = await client.GetAsync($"/api/analytics/completion-time?{Range(day, day)}&experiment=bad%20id");

        Assert.Empty(unknown.GetProperty("variants").EnumerateArray());
        var problem = await malformed.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("experiment", out _));
    }
}
