using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Hosting;

/// <summary>The host's <c>POST /{FunctionName}</c> invocations, with payloads shaped as the protocol doc gives them.</summary>
public sealed class HostInvocationTests : IAsyncLifetime
{
    private readonly Probe probe = new();
    private OnboardingApplication app = null!;
    private HttpClient client = null!;

    public Task InitializeAsync()
    {
        app = new OnboardingApplication()
            .WithSetting(ProbeQueueFunction.QueueSetting, TestStorage.UniqueQueueName())
            .WithSetting(ProbeTimerFunction.ScheduleSetting, "0 0 3 * * *")
            .WithServices(services => services
                .AddSingleton(probe)
                .AddQueueFunction<ProbeQueueFunction>("%" + ProbeQueueFunction.QueueSetting + "%")
                .AddTimerFunction<ProbeTimerFunction>("%" + ProbeTimerFunction.ScheduleSetting + "%"));
        client = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ADoubleEncodedQueueInvocationDeliversTheMessageTextAndMetadata()
    {
        // As the host sends it: the message text JSON-encoded, then encoded again; DequeueCount as a string.
        const string payload = """
            {"Data":{"message":"\"{\\\"id\\\":\\\"e1\\\",\\\"type\\\":\\\"view_reports\\\"}\""},
             "Metadata":{"DequeueCount":"4","Id":"\"5f2f1c3e-0000-4000-8000-000000000001\"","PopReceipt":"\"AgAAAAMAAAAAAAAA\"",
                         "InsertionTime":"2026-03-02T09:00:00+00:00","ExpirationTime":"2026-03-09T09:00:00+00:00",
                         "NextVisibleTime":"2026-03-02T09:10:00+00:00",
                         "sys":{"MethodName":"IngestOnboardingEvents","UtcNow":"2026-03-02T09:00:01Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}
            """;

        using var response = await Invoke("ProbeQueueFunction", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(probe.Messages);
        Assert.Equal("""{"id":"e1","type":"view_reports"}""", message.MessageText);
        Assert.Equal(4, message.DequeueCount);
        Assert.Equal("5f2f1c3e-0000-4000-8000-000000000001", message.Id);
        Assert.Equal("AgAAAAMAAAAAAAAA", message.PopReceipt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), message.InsertionTime);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Contains("saw 33 characters", body.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
        Assert.True(body.RootElement.TryGetProperty("ReturnValue", out _));
    }

    [Fact]
    public async Task TheDocumentationsSingleEncodedSampleIsAcceptedToo()
    {
        const string payload = """
            {"Data":{"message":"plain text, not JSON"},"Metadata":{"DequeueCount":1,"Id":"800ae4b3-bdd2-4c08-badd-f08e5a34b865"}}
            """;

        using var response = await Invoke("ProbeQueueFunction", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(probe.Messages);
        Assert.Equal("plain text, not JSON", message.MessageText);
        Assert.Equal((1L, "800ae4b3-bdd2-4c08-badd-f08e5a34b865"), (message.DequeueCount, message.Id));
    }

    [Theory]
    [InlineData("""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-03-01T03:00:00Z","Next":"2026-03-02T03:00:00Z","LastUpdated":"2026-03-01T03:00:00Z"},"IsPastDue":true}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"timer":"{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":\"2026-03-01T03:00:00Z\",\"Next\":\"2026-03-02T03:00:00Z\",\"LastUpdated\":\"2026-03-01T03:00:00Z\"},\"IsPastDue\":true}"},"Metadata":{"sys":{"MethodName":"PurgeExpiredSampleData"}}}""")]
    public async Task ATimerInvocationCarriesIsPastDueAndTheScheduleStatus(string payload)
    {
        using var response = await Invoke("ProbeTimerFunction", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timer = Assert.Single(probe.Timers);
        Assert.True(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero), timer.Last);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero), timer.Next);
    }

    [Fact]
    public async Task AFailingFunctionAnswersNon2xxWithTheReasonInItsLogs()
    {
        probe.ShouldFail = _ => true;

        using var response = await Invoke("ProbeQueueFunction", """{"Data":{"message":"\"\\\"x\\\"\""},"Metadata":{"DequeueCount":"1"}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.GetProperty("Logs").EnumerateArray(), l => l.GetString()!.Contains("the probe was told to fail"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Data":{},"Metadata":{}}""")]
    [InlineData("""{"Data":{"message":null}}""")]
    public async Task APayloadWithoutTheTriggerInputIsRefusedWith400(string payload)
    {
        using var response = await Invoke("ProbeQueueFunction", payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(probe.Messages);
    }

    [Fact]
    public async Task AnUndeclaredFunctionIsNotFound()
    {
        using var response = await Invoke("NoSuchFunction", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> Invoke(string functionName, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }
}
