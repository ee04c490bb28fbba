using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Webhooks;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Webhooks;

/// <summary>Webhook subscriptions, managed by platform admins: create (the secret shown once), read, replace, rotate the secret, delete, and each one's delivery log.</summary>
public sealed class WebhookSubscriptionFunctions(
    WebhookSubscriptions subscriptions, WebhookSubscriptionRequests requests, WebhookDeliveryLog log, IOptions<WebhookOptions> options, TimeProvider clock)
{
    private const string Route = "webhooks/subscriptions";
    private const string OneRoute = Route + "/{subscriptionId}";

    [Function("CreateWebhookSubscription"), Access(AccessLevel.PlatformAdmin), AcceptsJson(typeof(WebhookSubscriptionRequest)), LocationHeader]
    public async Task<Results<Created<WebhookSecretView>, ProblemHttpResult>> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await requests.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }
        var created = await subscriptions.AddAsync(new WebhookSubscription("whsub_" + Guid.NewGuid().ToString("N"), body.Url, body.Types, body.OrganizationId,
            WebhookSignature.NewSecret(), null, null, body.Enabled, null, clock.GetUtcNow()), cancellationToken);
        return TypedResults.Created($"{request.Path}/{created.Id}", new WebhookSecretView(WebhookSubscriptionView.From(created), created.Secret));
    }

    [Function("ListWebhookSubscriptions"), Access(AccessLevel.PlatformAdmin)]
    public async Task<Ok<WebhookSubscriptionsView>> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookSubscriptionsView([.. (await subscriptions.ListAsync(cancellationToken)).Select(WebhookSubscriptionView.From)]));

    [Function("GetWebhookSubscription"), Access(AccessLevel.PlatformAdmin), ProblemResponse(404, "subscription_not_found")]
    public async Task<Results<Ok<WebhookSubscriptionView>, ProblemHttpResult>> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OneRoute)] HttpRequest request, string subscriptionId, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(subscriptionId, cancellationToken) is { } found ? TypedResults.Ok(WebhookSubscriptionView.From(found)) : NotFound();

    /// <summary>Replaces the target, types, organization filter and switch; the secret stays.</summary>
    [Function("ReplaceWebhookSubscription"), Access(AccessLevel.PlatformAdmin), AcceptsJson(typeof(WebhookSubscriptionRequest)), ProblemResponse(404, "subscription_not_found"), ProblemResponse(409, "concurrent_update")]
    public async Task<Results<Ok<WebhookSubscriptionView>, ProblemHttpResult>> Replace(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = OneRoute)] HttpRequest request, string subscriptionId, CancellationToken cancellationToken)
    {
        var (body, problem) = await requests.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }
        return await ChangeAsync(subscriptionId, s => s with
        {
            Url = body.Url, Types = body.Types, OrganizationId = body.OrganizationId, Enabled = body.Enabled, DisabledReason = body.Enabled ? null : "disabled by a platform admin",
        }, changed => TypedResults.Ok(WebhookSubscriptionView.From(changed)), cancellationToken);
    }

    /// <summary>A new secret; the previous one keeps signing (beside it) for the overlap, so receivers can switch without losing a delivery.</summary>
    [Function("RotateWebhookSecret"), Access(AccessLevel.PlatformAdmin), ProblemResponse(404, "subscription_not_found"), ProblemResponse(409, "concurrent_update")]
    public Task<Results<Ok<WebhookSecretView>, ProblemHttpResult>> Rotate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OneRoute + "/rotate-secret")] HttpRequest request, string subscriptionId, CancellationToken cancellationToken) =>
        ChangeAsync(subscriptionId, s => s with
        {
            Secret = WebhookSignature.NewSecret(), PreviousSecret = s.Secret, PreviousSecretExpiresAt = clock.GetUtcNow().AddHours(options.Value.SecretOverlapHours),
        }, changed => TypedResults.Ok(new WebhookSecretView(WebhookSubscriptionView.From(changed), changed.Secret)), cancellationToken);

    [Function("DeleteWebhookSubscription"), Access(AccessLevel.PlatformAdmin), ProblemResponse(404, "subscription_not_found")]
    public async Task<Results<NoContent, ProblemHttpResult>> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = OneRoute)] HttpRequest request, string subscriptionId, CancellationToken cancellationToken) =>
        await subscriptions.DeleteAsync(subscriptionId, cancellationToken) ? TypedResults.NoContent() : NotFound();

    /// <summary>The subscription's deliveries, newest attempt first: status, attempts, the receiver's last answer.</summary>
    [Function("GetWebhookDeliveries"), Access(AccessLevel.PlatformAdmin), ProblemResponse(404, "subscription_not_found")]
    public async Task<Results<Ok<WebhookDeliveriesView>, ProblemHttpResult>> Deliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OneRoute + "/deliveries")] HttpRequest request, string subscriptionId, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(subscriptionId, cancellationToken) is null
            ? NotFound()
            : TypedResults.Ok(new WebhookDeliveriesView(subscriptionId, await log.ListAsync(subscriptionId, 100, cancellationToken)));

    /// <summary>Reads, changes and writes back under the ETag read; a concurrent change is a 409 to retry.</summary>
    private async Task<Results<Ok<T>, ProblemHttpResult>> ChangeAsync<T>(
        string id, Func<WebhookSubscription, WebhookSubscription> change, Func<WebhookSubscription, Ok<T>> answer, CancellationToken cancellationToken)
    {
        if (await subscriptions.GetAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        try
        {
            return answer(await subscriptions.ReplaceAsync(change(found), cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return Problems.Conflict("concurrent_update", "The subscription changed or was deleted meanwhile; read it again and retry.");
        }
    }

    private static ProblemHttpResult NotFound() => Problems.NotFound("subscription_not_found", "No webhook subscription with this id.");
}
