using Microsoft.Extensions.Hosting;
using Onboarding.LocalFunctionsHost.Configuration;

namespace Onboarding.LocalFunctionsHost.Lifecycle;

/// <summary>
/// The host's work in flight (listeners, queue messages, timer runs, HTTP invocations), so that a stop drains:
/// listeners stop taking work, what is running finishes, and only then does the worker get WorkerTerminate, as
/// Flex Consumption drains an instance it scales in. Past <see cref="Timeout"/> the drain gives up:
/// <see cref="Expired"/> fires (InvocationCancel goes to what still runs) and the worker is stopped.
/// </summary>
public sealed class HostDrain(AppSettings settings, IHostApplicationLifetime lifetime)
{
    /// <summary>Ours: how long a stop waits for work in flight (default 30 s).</summary>
    public const string TimeoutSetting = "LocalFunctionsHost__DrainTimeout";

    private readonly CancellationTokenSource _expired = new();
    private int _inFlight;

    public TimeSpan Timeout { get; } = ReadTimeout(settings);

    /// <summary>Fires when the host begins stopping: listeners take no new work.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>Fires when the drain has taken longer than <see cref="Timeout"/>.</summary>
    public CancellationToken Expired => _expired.Token;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Counts a piece of work as in flight until the returned handle is disposed.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return new Work(this);
    }

    /// <summary>Waits until nothing is in flight, or the drain timeout has passed (then <see cref="Expired"/> has fired); true when drained.</summary>
    public async Task<bool> DrainAsync()
    {
        _expired.CancelAfter(Timeout);
        while (InFlight > 0 && !_expired.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
        return InFlight == 0;
    }

    /// <summary>Ends the drain at once (no worker is up to finish the work).</summary>
    public void GiveUp() => _expired.Cancel();

    public static TimeSpan ReadTimeout(AppSettings settings) =>
        TimeSpan.TryParse(settings.Get(TimeoutSetting), System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout >= TimeSpan.Zero
            ? timeout
            : TimeSpan.FromSeconds(30);

    private sealed class Work(HostDrain drain) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref drain._inFlight);
            }
        }
    }
}
