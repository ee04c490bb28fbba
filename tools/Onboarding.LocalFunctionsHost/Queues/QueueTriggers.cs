using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Metadata;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>Starts one listener per queue-triggered function once the worker has reported its functions.</summary>
public sealed partial class QueueTriggers(
    FunctionCatalog catalog,
    AppSettings settings,
    QueuesOptions options,
    FunctionInvoker invoker,
    HostDrain drain,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<QueueTriggers> logger) : TriggerListeners(catalog, settings, lifetime, logger)
{
    protected override string TriggerType => "queueTrigger";

    protected override Task Start(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var queueName = Settings.Resolve(function.Trigger.Text("queueName") ?? "").ToLowerInvariant();
        if (!QueueName().IsMatch(queueName) || queueName.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name (3-63 lower-case letters, digits and single hyphens).");
        }
        var clients = QueueClients.Create(StorageConnection.Resolve(Settings, function.Trigger.Text("connection")), queueName);
        var functionLogger = loggerFactory.CreateLogger($"Host.Triggers.Queue.{function.Name}");
        var processor = new QueueMessageProcessor(function, clients, options, invoker, timeProvider, functionLogger);
        return new QueueTriggerListener(function, clients, options, processor, drain, timeProvider, functionLogger).RunAsync(stoppingToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial System.Text.RegularExpressions.Regex QueueName();
}
