using System.Net;
using System.Text;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Events;

public sealed class TrackingApiTests : IngestionAppTest
{
    [Fact]
    public async Task AReportedEventIsStampedQueuedAndStoredWithTheCallersClient()
    {
        var org = TestStorage.UniqueId();
        using var client = App.ClientFor(org, "org_member");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1");

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/events",
            JsonRequests.Json("""{"id":"seen-reports-1","type":"view_reports","data":{"report":"attendance"}}"""));
        var receipt = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, receipt.GetProperty("accepted").GetInt32());
        var stored = await IngestionApp.EventuallyAsync(() => StoredRows.EventsAsync(org), r => r.Any(e => e.RowKey == "event|seen-reports-1"));
        var row = stored.Single(e => e.RowKey == "event|seen-reports-1");
        Assert.Equal(("Safari", "iOS", "mobile"), (row.GetString("Browser"), row.GetString("OperatingSystem"), row.GetString("DeviceClass")));
        Assert.Contains(stored, e => e.GetString("Type") == "checklist_task_completed");
    }

    [Fact]
    public async Task AnotherOrganizationsEventIsRefusedAndNothingIsQueued()
    {
        var org = TestStorage.UniqueId();
        using var client = App.ClientFor(org, "org_member");

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/events",
            JsonRequests.Json("""{"organizationId":"someone-else","type":"view_reports"}"""));

        await response.AssertProblemAsync(403, "organization_mismatch");
        Assert.Empty((await App.EventsQueue().PeekMessagesAsync()).Value);
    }

    public static TheoryData<string, int, string, string?> BadBodies => new()
    {
        { """{"type":"view_reports",""", 400, "malformed_json", null },
        { """{"type":"wizard_completed"}""", 400, "validation_failed", "type" },
        { """{"type":"no_such_event"}""", 400, "validation_failed", "type" },
        { """{"type":"view_reports","shoeSize":42}""", 400, "validation_failed", "shoeSize" },
        { """{"type":"view_reports","timestamp":"2099-01-01T00:00:00Z"}""", 400, "validation_failed", "timestamp" },
        { """{"events":[{"type":"view_reports"},{"type":"video_played","stepDurationSeconds":-1}]}""", 400, "validation_failed", "events[1].stepDurationSeconds" },
        { """{"events":[]}""", 400, "validation_failed", "events" },
        { "[1,2]", 400, "validation_failed", "events[0].event" },
        { $$$"""{"type":"view_reports","data":{"x":"{{{new string('a', 40_000)}}}"}}""", 413, "payload_too_large", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task MalformedOrOversizedBodiesGetProblemsNeverA5xx(string body, int status, string code, string? field)
    {
        var org = TestStorage.UniqueId();
        using var client = App.ClientFor(org, "org_member");

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/events", JsonRequests.Json(body));

        var problem = await response.AssertProblemAsync(status, code);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
        Assert.Empty((await App.EventsQueue().PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task AnotherContentTypeIs415()
    {
        var org = TestStorage.UniqueId();
        using var client = App.ClientFor(org, "org_member");

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/events", new StringContent("type=view_reports", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(415, "unsupported_media_type");
    }

    [Fact]
    public async Task TooManyRequestsFromOneOrganizationAre429WithRetryAfterWhileOthersGoOn()
    {
        await using var limited = IngestionApp.Create().WithSetting("Tracking:RequestsPerMinute", "3");
        var busy = TestStorage.UniqueId();
        var quiet = TestStorage.UniqueId();
        using var busyClient = limited.ClientFor(busy, "org_member");
        using var quietClient = limited.ClientFor(quiet, "org_member");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await busyClient.PostAsync($"/api/orgs/{busy}/onboarding/events", JsonRequests.Json("""{"type":"video_played"}"""));
            statuses.Add(last.StatusCode);
        }
        using var other = await quietClient.PostAsync($"/api/orgs/{quiet}/onboarding/events", JsonRequests.Json("""{"type":"video_played"}"""));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await last!.AssertProblemAsync(429, "rate_limited");
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        last.Dispose();
    }
}
