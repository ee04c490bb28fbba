using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>Starts one listener per queue-triggered function once the worker has reported its functions.</summary>
public sealed partial class QueueTriggers(
    FunctionCatalog catalog,
    AppSettings settings,
    QueuesOptions options,
    FunctionInvoker invoker,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<QueueTriggers> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Triggers stop as soon as the host begins stopping, before the worker is told to terminate.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var functions = await catalog.FunctionsKnown.WaitAsync(stoppingToken);
        var listeners = new List<Task>();
        foreach (var function in functions.Where(function => function.Trigger.IsType("queueTrigger")))
        {
            try
            {
                var queueName = settings.Resolve(function.Trigger.Text("queueName") ?? "").ToLowerInvariant();
                if (!QueueName().IsMatch(queueName) || queueName.Contains("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{queueName}' is not a valid queue name (3-63 lower-case letters, digits and single hyphens).");
                }
                var clients = QueueClients.Create(StorageConnection.Resolve(settings, function.Trigger.Text("connection")), queueName);
                var functionLogger = loggerFactory.CreateLogger($"Host.Triggers.Queue.{function.Name}");
                var processor = new QueueMessageProcessor(function, clients, options, invoker, timeProvider, functionLogger);
                var listener = new QueueTriggerListener(function, clients, options, processor, timeProvider, functionLogger);
                listeners.Add(listener.RunAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or ArgumentException)
            {
                ListenerNotStarted(logger, exception, function.Name);
            }
        }
        await Task.WhenAll(listeners);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial System.Text.RegularExpressions.Regex QueueName();

    [LoggerMessage(Level = LogLevel.Error, Message = "The queue trigger of function {FunctionName} cannot start")]
    private static partial void ListenerNotStarted(ILogger logger, Exception exception, string functionName);
}
