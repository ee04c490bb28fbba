using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Events;

/// <summary>
/// A fixed window per organization on the tracking endpoint (<c>Tracking__RequestsPerMinute</c>, default
/// 120), per instance. It runs after the access check, so the organization is the caller's own.
/// </summary>
public sealed class TrackingRateLimit(IConfiguration configuration) : IDisposable
{
    public const string Setting = "Tracking:RequestsPerMinute";

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(organization =>
        RateLimitPartition.GetFixedWindowLimiter(organization, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue(Setting, 120),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null while the organization has requests left this minute; otherwise a 429 with <c>Retry-After</c>.</summary>
    public ProblemHttpResult? Refuse(string organizationId, HttpResponse response)
    {
        using var lease = limiter.AttemptAcquire(organizationId);
        if (lease.IsAcquired)
        {
            return null;
        }
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
            $"This organization sent too many tracking requests; retry in {seconds} s.");
    }

    public void Dispose() => limiter.Dispose();
}
