using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Events;

/// <summary>
/// A fixed window per organization on the tracking endpoint (<c>Tracking__RequestsPerMinute</c>,
/// default 120). Callers without a valid token share one window, so they cannot use up an
/// organization's; they are refused by the access check anyway.
/// </summary>
public static class TrackingRateLimit
{
    public const string PolicyName = "tracking-per-organization";
    public const string Setting = "Tracking:RequestsPerMinute";

    public static IServiceCollection AddTrackingRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, http =>
            {
                var permits = configuration.GetValue(Setting, 120);
                var organization = http.User.OrganizationId() ?? "(unauthenticated)";
                return RateLimitPartition.GetFixedWindowLimiter(organization, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problem = Problems.Create(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
                    $"This organization sent too many tracking requests; retry in {seconds} s.");
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
