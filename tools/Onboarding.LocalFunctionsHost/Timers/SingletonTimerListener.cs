using Azure;
using Microsoft.Extensions.Logging;

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>
/// Runs a timer listener only while this host holds its <see cref="ListenerLock"/>, as the WebJobs SDK's
/// <c>SingletonListener</c> wraps the timer's (<c>[Singleton(Mode = Listener)]</c>): one attempt at start, then one
/// every <c>ListenerLockRecoveryPollingInterval</c> (1 min) while another instance holds it; the lease lasts
/// <c>ListenerLockPeriod</c> (15 s in Development) and is renewed half-way. A lost lease stops the listener until it
/// is acquired again; a stop ends the listener's run first and then releases the lease.
/// </summary>
public sealed partial class SingletonTimerListener(ListenerLock listenerLock, TimerTriggerListener listener, TimeSpan recoveryInterval, string functionName, ILogger logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool acquired;
            try
            {
                acquired = await listenerLock.TryAcquireAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (acquired)
            {
                LockAcquired(logger, listenerLock.LockId, functionName);
                await RunWhileHeldAsync(stoppingToken);
                continue;
            }
            LockHeldElsewhere(logger, listenerLock.LockId, recoveryInterval.TotalSeconds);
            try
            {
                await Task.Delay(recoveryInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunWhileHeldAsync(CancellationToken stoppingToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(held, renewing.Token);
        try
        {
            await listener.RunAsync(held.Token);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            await listenerLock.ReleaseAsync();
        }
    }

    private async Task RenewAsync(CancellationTokenSource held, CancellationToken renewingToken)
    {
        try
        {
            await listenerLock.KeepRenewedAsync(renewingToken);
        }
        catch (RequestFailedException exception)
        {
            LockLost(logger, listenerLock.LockId, exception.Status);
            await held.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Singleton lock acquired ({LockId}); the timer of function {FunctionName} runs on this host")]
    private static partial void LockAcquired(ILogger logger, string lockId, string functionName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unable to acquire Singleton lock ({LockId}); another host runs this timer; next attempt in {RetrySeconds} s")]
    private static partial void LockHeldElsewhere(ILogger logger, string lockId, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Singleton lock renewal failed ({LockId}, status {Status}); the timer stops here until the lock is acquired again")]
    private static partial void LockLost(ILogger logger, string lockId, int status);
}
