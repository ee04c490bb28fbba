using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>
/// Starts one listener per function of one trigger type once the worker has reported its functions;
/// a trigger whose binding cannot be used is logged and the others run. A function disabled with the app
/// setting <c>AzureWebJobs.{FunctionName}.Disabled</c> = <c>true</c> gets no listener, as in the Functions host.
/// A listener that fails (a storage error past the SDK's retries, a malformed timer status) is logged and started
/// again after 2 s doubling to 2 min, as the WebJobs SDK's <c>FunctionListener</c> retries it; it never stops the host.
/// </summary>
public abstract partial class TriggerListeners(FunctionCatalog catalog, AppSettings settings, IHostApplicationLifetime lifetime, ILogger logger) : BackgroundService
{
    /// <summary>The app settings (trigger references such as <c>%QUEUE%</c> resolve against them).</summary>
    protected AppSettings Settings => settings;

    /// <summary>The binding type this class listens for, e.g. <c>queueTrigger</c>.</summary>
    protected abstract string TriggerType { get; }

    /// <summary>Starts listening for <paramref name="function"/> and returns the running listener; throws at once when its binding cannot be used.</summary>
    protected abstract Task Start(FunctionDefinition function, CancellationToken stoppingToken);

    /// <summary>Whether <paramref name="exception"/> from <see cref="Start"/> means the binding cannot be used.</summary>
    protected virtual bool IsBindingError(Exception exception) => exception is InvalidOperationException or FormatException or ArgumentException;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Triggers stop as soon as the host begins stopping, before the worker is told to terminate.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var functions = await catalog.FunctionsKnown.WaitAsync(stoppingToken);
        var running = new List<Task>();
        foreach (var function in functions.Where(function => function.Trigger.IsType(TriggerType)))
        {
            if (IsDisabled(settings, function.Name))
            {
                Disabled(logger, TriggerType, function.Name);
                continue;
            }
            try
            {
                running.Add(SuperviseAsync(function, Start(function, stoppingToken), stoppingToken));
            }
            catch (Exception exception) when (IsBindingError(exception))
            {
                NotStarted(logger, exception, TriggerType, function.Name);
            }
        }
        await Task.WhenAll(running);
    }

    /// <summary>Ours: the first delay before a failed listener is started again (the host's 2 s; tests shorten it).</summary>
    public const string RetryIntervalSetting = "LocalFunctionsHost__ListenerRetryInterval";

    private async Task SuperviseAsync(FunctionDefinition function, Task listener, CancellationToken stoppingToken)
    {
        var minimum = TimeSpan.TryParse(settings.Get(RetryIntervalSetting), System.Globalization.CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero
            ? configured
            : TimeSpan.FromSeconds(2);
        var backoff = new Queues.PollingBackoff(TimeSpan.FromMinutes(2), minimum);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await listener;
                if (attempt > 1)
                {
                    // Only reached when the restarted listener ran to its stop.
                    ListenerStopped(logger, function.Name);
                }
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                ListenerFailed(logger, exception, function.Name);
            }
            try
            {
                await Task.Delay(backoff.AfterNothing(), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            ListenerRetrying(logger, function.Name, attempt);
            try
            {
                listener = Start(function, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                listener = Task.FromException(exception);
            }
        }
    }

    public static bool IsDisabled(AppSettings settings, string functionName) =>
        bool.TryParse(settings.Get($"AzureWebJobs.{functionName}.Disabled"), out var disabled) && disabled;

    [LoggerMessage(Level = LogLevel.Information, Message = "The {TriggerType} of function {FunctionName} is disabled (AzureWebJobs.{FunctionName}.Disabled)")]
    private static partial void Disabled(ILogger logger, string triggerType, string functionName);

    [LoggerMessage(Level = LogLevel.Error, Message = "The listener for function 'Functions.{FunctionName}' was unable to start or failed.")]
    private static partial void ListenerFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying to start listener for function 'Functions.{FunctionName}' (Attempt {Attempt})")]
    private static partial void ListenerRetrying(ILogger logger, string functionName, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The restarted listener for function 'Functions.{FunctionName}' stopped")]
    private static partial void ListenerStopped(ILogger logger, string functionName);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {TriggerType} of function {FunctionName} cannot start")]
    private static partial void NotStarted(ILogger logger, Exception exception, string triggerType, string functionName);
}
