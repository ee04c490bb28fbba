using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Webhooks;

namespace Onboarding.Functions.Tests.Webhooks;

/// <summary>The stall timer over a clock moved two days: one delivery per wizard start, none before the threshold, none twice.</summary>
public sealed class StalledMilestoneTests
{
    [Fact]
    public async Task AWizardInProgressForTwoDaysIsPublishedOnceAsStalled()
    {
        var org = TestStorage.UniqueId("stall");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = new InProcessApp().WithServices(s => s.AddSingleton<TimeProvider>(clock));
        await app.StartedAsync();
        using var platform = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var body = JsonSerializer.Serialize(new { url = "https://hooks.example.com/onboarding", types = new[] { WebhookMilestones.Stalled }, organizationId = org });
        (await platform.PostAsync("/api/webhooks/subscriptions", JsonRequests.Json(body))).EnsureSuccessStatusCode();
        using var admin = app.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        var queue = app.Services.GetRequiredService<WebhookDeliveriesQueue>().Queue;

        clock.Advance(TimeSpan.FromHours(47));
        using var early = await app.RunTimerAsync("PublishStalledMilestones");
        var beforeThreshold = await QueuedAsync(queue, org);
        clock.Advance(TimeSpan.FromHours(2));
        using var first = await app.RunTimerAsync("PublishStalledMilestones");
        using var second = await app.RunTimerAsync("PublishStalledMilestones");
        var after = await QueuedAsync(queue, org);

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Empty(beforeThreshold);
        var delivery = Assert.Single(after);
        Assert.Equal(WebhookMilestones.Stalled, delivery.Type);
    }

    private static async Task<List<WebhookDelivery>> QueuedAsync(Azure.Storage.Queues.QueueClient queue, string org) =>
        [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => WebhookDelivery.FromMessage(m.MessageText)).Where(d => d.OrganizationId == org)];
}
