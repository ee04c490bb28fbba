using Microsoft.Extensions.Configuration;

namespace Onboarding.LocalFunctionsHost.Configuration;

public enum QueueMessageEncoding
{
    Base64,
    None,
}

/// <summary>host.json <c>extensions.queues</c> with the Functions host's defaults.</summary>
public sealed record QueuesOptions
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; }
    public TimeSpan MaxPollingInterval { get; init; }
    public TimeSpan VisibilityTimeout { get; init; }
    public int MaxDequeueCount { get; init; } = 5;
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    /// <summary>How long a received message stays hidden while it is processed (renewed half-way).</summary>
    public TimeSpan ProcessingVisibility { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Setting that shortens <see cref="ProcessingVisibility"/> (the host's fixed 10 minutes), so tests can watch renewals.</summary>
    public const string ProcessingVisibilitySetting = "LocalFunctionsHost__QueueProcessingVisibility";

    public static QueuesOptions From(HostJson hostJson, AppSettings settings, bool isDevelopment)
    {
        var section = hostJson.Configuration.GetSection("extensions:queues");
        var batchSize = Math.Clamp(section.GetValue<int?>("batchSize") ?? 16, 1, 32);
        var maxPolling = section.GetValue<TimeSpan?>("maxPollingInterval")
            ?? (isDevelopment ? TimeSpan.FromSeconds(2) : TimeSpan.FromMinutes(1));
        var encoding = section["messageEncoding"];
        return new QueuesOptions
        {
            BatchSize = batchSize,
            NewBatchThreshold = Math.Max(0, section.GetValue<int?>("newBatchThreshold") ?? batchSize / 2 * Environment.ProcessorCount),
            MaxPollingInterval = maxPolling < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : maxPolling,
            VisibilityTimeout = section.GetValue<TimeSpan?>("visibilityTimeout") ?? TimeSpan.Zero,
            MaxDequeueCount = Math.Max(1, section.GetValue<int?>("maxDequeueCount") ?? 5),
            MessageEncoding = string.Equals(encoding, "none", StringComparison.OrdinalIgnoreCase) ? QueueMessageEncoding.None : QueueMessageEncoding.Base64,
            ProcessingVisibility = TimeSpan.TryParse(settings.Get(ProcessingVisibilitySetting), System.Globalization.CultureInfo.InvariantCulture, out var visibility) && visibility >= TimeSpan.FromSeconds(1)
                ? visibility
                : TimeSpan.FromMinutes(10),
        };
    }
}
