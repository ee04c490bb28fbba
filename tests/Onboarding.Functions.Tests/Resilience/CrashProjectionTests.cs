using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Resilience;

/// <summary>
/// The app "dies" right after one of its table requests reached storage (each request of a run of HTTP changes
/// and an ingested message that makes progress, in turn): the invocation stops there, as a killed worker's would. After the restart (the host redelivering the message, the sweep running), every
/// stored event, carried or derived, has its daily row, none is stored twice and the counters are exact.
/// </summary>
public sealed class CrashProjectionTests(ITestOutputHelper output)
{
    private const int Volunteers = 12;

    [Fact]
    public async Task AfterACrashAtAnyPointEveryStoredEventReachesTheDailyProjection()
    {
        // A run without a crash counts the table requests a run makes; then one run crashes after each of them.
        var (_, requests) = await CrashOnceAsync(crashAt: int.MaxValue);
        var crashed = 0;
        for (var crashAt = 1; crashAt <= requests; crashAt++)
        {
            crashed += (await CrashOnceAsync(crashAt)).Crashed ? 1 : 0;
        }
        TestFigures.Report(output, "Crash and projection", $"{crashed} runs, each crashing after another of a run's {requests} table requests: 0 events without their daily row");
        Assert.True(crashed >= requests * 9 / 10, $"only {crashed} of {requests} runs crashed");
    }

    /// <returns>Whether the run crashed, and how many table requests it made.</returns>
    private static async Task<(bool Crashed, int Requests)> CrashOnceAsync(int crashAt)
    {
        var org = TestStorage.UniqueId("crash");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var crash = new CrashAfterTableRequest(crashAt);
        await using var app = new InProcessApp()
            .WithServices(s => s
                .AddSingleton<TimeProvider>(clock)
                .AddSingleton(TestStorage.Customize(o => o.AddPolicy(crash, HttpPipelinePosition.PerCall))));
        await app.StartedAsync();
        // Start-up creates the tables in the background: armed only after, so each run's requests come in the same order.
        await app.Services.GetRequiredService<Onboarding.Functions.Storage.StorageInitializer>().Ready;
        crash.Armed = true;
        using var admin = app.ClientFor(org);

        (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).Dispose();
        (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]))).Dispose();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/solver_run/start", null)).Dispose();
        var volunteers = Enumerable.Range(0, Volunteers).Select(_ => TestEvents.Event(org, "volunteer_added")).ToList();
        await app.EventsQueue().SendMessageAsync(TestEvents.Batch(volunteers));
        await app.DrainAsync();
        crash.Armed = false;
        clock.Advance(TimeSpan.FromMinutes(2));
        using var sweep = await app.RunProjectionSweepAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, sweep.StatusCode);
        var stored = (await StoredRows.EventsAsync(org)).Select(EventEntityMapper.FromOrganizationRow).ToList();
        var daily = TestStorage.Tables().GetTableClient(OnboardingStorage.DailyTable);
        foreach (var e in stored)
        {
            var row = await daily.GetEntityIfExistsAsync<TableEntity>(EventEntityMapper.DailyPartition(e.Timestamp, TestPseudonyms.Organization(org)), EventEntityMapper.DailyRowKey(e, TestPseudonyms.Instance));
            Assert.True(row.HasValue, $"crash after table request {crashAt}: stored event {e.Type} {e.Id} has no daily row");
        }
        Assert.Equal(Volunteers, stored.Count(e => e.Type == "volunteer_added"));
        Assert.Contains(stored, e => e.Type == "checklist_task_completed");
        var activity = (await StoredRows.OfOrganizationAsync(org)).Single(r => r.RowKey == "profile|activity");
        Assert.Equal(Volunteers, activity.GetInt64("Counter_volunteers"));
        Assert.Empty((await app.PoisonQueue().PeekMessagesAsync()).Value);
        return (crash.Fired, crash.Seen);
    }

    /// <summary>The process dies once the <c>n</c>-th table request has reached storage: its caller sees an exception nothing catches.</summary>
    private sealed class CrashAfterTableRequest(int n) : HttpPipelinePolicy
    {
        private static readonly int TablePort = TestStorage.Tables().Uri.Port;
        private int seen;

        public volatile bool Armed;

        /// <summary>The table requests made while armed.</summary>
        public int Seen => seen;

        public bool Fired { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (Armed && message.Request.Uri.Port == TablePort && Interlocked.Increment(ref seen) == n)
            {
                Fired = true;
                throw new SimulatedCrashException();
            }
        }
    }

    private sealed class SimulatedCrashException() : Exception("Simulated crash of the worker process.");
}
