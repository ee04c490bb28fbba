using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Tests.Events;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: the published app under the local Functions host, a real receiver on loopback, subscriptions
/// made through the API. Retries wait a second here instead of the default schedule's minutes and hours.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly OnboardingApplication app = new OnboardingApplication().WithSetting("Webhooks:RetryDelays", "00:00:01,00:00:01,00:00:01");

    public Task InitializeAsync() => app.StartedAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AnOrganizationThatCompletesTheWizardIsDeliveredOnceSignedAsTheStandardSays()
    {
        await using var receiver = new WebhookReceiver();
        var org = TestStorage.UniqueId("hook");
        var (subscription, secret) = await SubscribeAsync(receiver, org, WebhookMilestones.WizardCompleted);

        await CompleteWizardAsync(org);
        var delivery = Assert.Single(await receiver.WaitForAsync(1));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(receiver.Received);
        Assert.StartsWith("msg_", delivery.Id);
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Timestamp));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        // The Standard Webhooks reference library accepts it, as a receiver using it would (it also checks the timestamp's age).
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
        {
            ["webhook-id"] = delivery.Id, ["webhook-timestamp"] = delivery.Timestamp, ["webhook-signature"] = delivery.Signature,
        };
        new StandardWebhooks.StandardWebhook(secret).Verify(delivery.Body, headers);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhooks.StandardWebhook(secret).Verify(delivery.Body + " ", headers));
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal(WebhookMilestones.WizardCompleted, body.RootElement.GetProperty("type").GetString());
        Assert.Equal(org, body.RootElement.GetProperty("data").GetProperty("organizationId").GetString());
        var log = await DeliveriesAsync(subscription);
        Assert.Equal(("delivered", 1), (log[0].GetProperty("status").GetString(), log[0].GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task AReceiverThatIsDownGetsTheDeliveryWhenItRecoversUnderTheSameId()
    {
        await using var receiver = new WebhookReceiver { Answer = n => n <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK };
        var org = TestStorage.UniqueId("hook");
        var (subscription, _) = await SubscribeAsync(receiver, org, WebhookMilestones.WizardCompleted);

        await CompleteWizardAsync(org);
        var attempts = await receiver.WaitForAsync(3);
        var log = await EventuallyDeliveredAsync(subscription);

        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.Equal(3, log.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task ADeliveryCutByAWorkerKillIsDeliveredAgainUnderTheSameId()
    {
        await using var receiver = new WebhookReceiver { Hold = new TaskCompletionSource() };
        var org = TestStorage.UniqueId("hook");
        var (subscription, _) = await SubscribeAsync(receiver, org, WebhookMilestones.WizardCompleted);
        await CompleteWizardAsync(org);
        var first = Assert.Single(await receiver.WaitForAsync(1));

        var killed = app.WorkerProcessId!.Value;
        Process.GetProcessById(killed).Kill();
        receiver.Hold = null;
        var again = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(90));
        await EventuallyDeliveredAsync(subscription);

        Assert.NotEqual(killed, app.WorkerProcessId);
        Assert.All(again, delivery => Assert.Equal(first.Id, delivery.Id));
    }

    [Fact]
    public async Task ARefusalIsNotRetriedAndAGoneReceiverDisablesItsSubscription()
    {
        await using var refusing = new WebhookReceiver { Answer = _ => HttpStatusCode.BadRequest };
        await using var gone = new WebhookReceiver { Answer = _ => HttpStatusCode.Gone };
        var org = TestStorage.UniqueId("hook");
        var (refused, _) = await SubscribeAsync(refusing, org, WebhookMilestones.WizardCompleted);
        var (disabled, _) = await SubscribeAsync(gone, org, WebhookMilestones.WizardCompleted);

        await CompleteWizardAsync(org);
        await refusing.WaitForAsync(1);
        await gone.WaitForAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var admin = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var after = await (await admin.GetAsync($"/api/webhooks/subscriptions/{disabled}")).ReadJsonAsync();

        Assert.Single(refusing.Received);
        Assert.Single(gone.Received);
        Assert.Equal(("failed", 1), ((await DeliveriesAsync(refused))[0].GetProperty("status").GetString(), (await DeliveriesAsync(refused))[0].GetProperty("attempts").GetInt32()));
        Assert.False(after.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task OnlyPlatformAdminsManageSubscriptionsAndTargetsAreChecked()
    {
        var org = TestStorage.UniqueId("hook");
        using var admin = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        foreach (var token in new[] { TestTokens.For(org), TestTokens.Analyst() })
        {
            using var client = app.CreateClient().WithToken(token);
            await (await client.GetAsync("/api/webhooks/subscriptions")).AssertProblemAsync(403, "role_required");
        }
        using var privateTarget = await admin.PostAsync("/api/webhooks/subscriptions",
            JsonRequests.Json("""{"url":"https://10.1.2.3/hook","types":["onboarding.wizard_completed"]}"""));
        var problem = await privateTarget.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        using var unknownType = await admin.PostAsync("/api/webhooks/subscriptions", JsonRequests.Json("""{"url":"https://hooks.example.com/","types":["everything"]}"""));
        var typeProblem = await unknownType.AssertProblemAsync(400, "validation_failed");
        Assert.True(typeProblem.GetProperty("errors").TryGetProperty("types", out _));
        await (await admin.GetAsync("/api/webhooks/subscriptions/whsub_missing")).AssertProblemAsync(404, "subscription_not_found");
    }

    [Fact]
    public async Task ARotatedSecretSignsBesideThePreviousOneUntilTheOverlapEnds()
    {
        await using var receiver = new WebhookReceiver();
        var org = TestStorage.UniqueId("hook");
        var (subscription, previous) = await SubscribeAsync(receiver, org, WebhookMilestones.WizardCompleted);
        using var admin = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var rotated = await (await admin.PostAsync($"/api/webhooks/subscriptions/{subscription}/rotate-secret", null)).ReadJsonAsync();
        var current = rotated.GetProperty("secret").GetString()!;

        await CompleteWizardAsync(org);
        var delivery = Assert.Single(await receiver.WaitForAsync(1));
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Timestamp));

        Assert.NotEqual(previous, current);
        Assert.True(WebhookSignature.Verify(current, delivery.Id, timestamp, delivery.Body, delivery.Signature));
        Assert.True(WebhookSignature.Verify(previous, delivery.Id, timestamp, delivery.Body, delivery.Signature));
    }

    private async Task<(string Id, string Secret)> SubscribeAsync(WebhookReceiver receiver, string org, params string[] types)
    {
        using var admin = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var body = JsonSerializer.Serialize(new { url = receiver.Url, types, organizationId = org });
        using var response = await admin.PostAsync("/api/webhooks/subscriptions", JsonRequests.Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        return (created.GetProperty("subscription").GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private async Task CompleteWizardAsync(string org)
    {
        using var admin = app.ClientFor(org);
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null)).EnsureSuccessStatusCode();
        for (var step = 1; step <= WizardApiTests.Steps.Length; step++)
        {
            (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }
    }

    private async Task<List<JsonElement>> DeliveriesAsync(string subscription)
    {
        using var admin = app.CreateClient().WithToken(TestTokens.PlatformAdmin());
        var log = await (await admin.GetAsync($"/api/webhooks/subscriptions/{subscription}/deliveries")).ReadJsonAsync();
        return [.. log.GetProperty("deliveries").EnumerateArray()];
    }

    private async Task<JsonElement> EventuallyDeliveredAsync(string subscription) =>
        (await IngestionApp.EventuallyAsync(() => DeliveriesAsync(subscription),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "delivered", TimeSpan.FromSeconds(60)))[0];
}
