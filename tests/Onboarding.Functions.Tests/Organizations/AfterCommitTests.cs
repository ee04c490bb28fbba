using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Organizations;

/// <summary>What follows a committed change once its events are projected (<see cref="OrganizationChanges.AfterCommitAsync"/>).</summary>
public sealed class AfterCommitTests
{
    [Fact]
    public async Task ThePendingRowsAreRemovedWhileTheHooksCleanUp()
    {
        var org = TestStorage.UniqueId();
        var hook = new BlockingHook();
        var removal = new HeldPendingRowRemoval(hook.CleaningUp.Task);
        await using var app = new InProcessApp().WithServices(s => s
            .AddSingleton<IOrganizationChangeHook>(hook)
            .AddSingleton(TestStorage.Customize(o => o.AddPolicy(removal, HttpPipelinePosition.PerCall))));
        using var client = app.ClientFor(org);

        using var response = await client.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/1", JsonRequests.Json(WizardApiTests.Steps[0]));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(removal.Sent, "the change had no pending row to remove");
        Assert.True(removal.SentWhileHooksCleanedUp, "the pending row was removed only after the hooks had cleaned up (or not before they started)");
        Assert.DoesNotContain(await TestStorage.Tables().GetTableClient(OnboardingStorage.PendingProjectionsTable).QueryAsync<TableEntity>().ToListAsync(),
            r => r.RowKey.StartsWith(org + "|", StringComparison.Ordinal));
    }

    private sealed record Planned : HookPlan
    {
        public override bool WritesBeforeCommit => false;
    }

    /// <summary>A hook with clean-up to do after every change, which takes a while.</summary>
    private sealed class BlockingHook : IOrganizationChangeHook
    {
        public TaskCompletionSource CleaningUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HookPlan? Plan(OrganizationOnboarding before, OrganizationOnboarding after, IReadOnlyList<OnboardingEvent> events) => new Planned();

        public Task BeforeCommitAsync(HookPlan plan, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task AfterCommitAsync(HookPlan plan, CancellationToken cancellationToken)
        {
            CleaningUp.TrySetResult();
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Holds the pending row's delete until the hook's clean-up has begun (at most a few seconds).</summary>
    private sealed class HeldPendingRowRemoval(Task hookCleaningUp) : HttpPipelinePolicy
    {
        public volatile bool Sent;

        public volatile bool SentWhileHooksCleanedUp;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Delete && message.Request.Uri.Path.Contains($"/{OnboardingStorage.PendingProjectionsTable}(", StringComparison.Ordinal))
            {
                SentWhileHooksCleanedUp = await Task.WhenAny(hookCleaningUp, Task.Delay(TimeSpan.FromSeconds(3))) == hookCleaningUp;
                Sent = true;
            }
            await ProcessNextAsync(message, pipeline);
        }
    }
}
