using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Onboarding.Functions.Webhooks;

/// <summary>
/// How many attempts may be in flight per target host on this instance. A delivery that finds its target full is put
/// back on the queue for a moment instead of waiting, so a slow receiver never holds the invocations others need.
/// </summary>
public sealed class WebhookTargetLimits(IOptions<WebhookOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> targets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A slot for <paramref name="url"/>'s host, or null when it has as many attempts in flight as allowed.</summary>
    public IDisposable? TryEnter(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : url;
        var slots = targets.GetOrAdd(host, _ => new SemaphoreSlim(options.Value.MaxConcurrentPerTarget));
        return slots.Wait(0) ? new Slot(slots) : null;
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
