namespace Onboarding.Functions.Hosting;

/// <summary>host.json <c>extensions.queues</c>, with the host's defaults.</summary>
public sealed class QueueTriggerOptions
{
    public const string Section = HostJsonConfiguration.Section + ":extensions:queues";

    public int BatchSize { get; set; } = 16;

    /// <summary>Fetch a new batch once this few messages are still in progress; the host's default is half a batch.</summary>
    public int? NewBatchThreshold { get; set; }

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays hidden before its next attempt.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; set; } = 5;

    /// <summary><c>base64</c> (the host's default) or <c>none</c>.</summary>
    public string MessageEncoding { get; set; } = "base64";

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    public bool IsBase64 => MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase);

    public void Validate()
    {
        if (BatchSize is < 1 or > 32)
        {
            throw new InvalidOperationException($"host.json extensions.queues.batchSize must be 1 to 32, not {BatchSize}.");
        }
        if (MaxDequeueCount < 1)
        {
            throw new InvalidOperationException("host.json extensions.queues.maxDequeueCount must be at least 1.");
        }
        if (!IsBase64 && !MessageEncoding.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be 'base64' or 'none', not '{MessageEncoding}'.");
        }
        if (MaxPollingInterval < TimeSpan.FromMilliseconds(100))
        {
            throw new InvalidOperationException("host.json extensions.queues.maxPollingInterval must be at least 100 ms.");
        }
    }
}
