using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Http;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost;

/// <summary>Prints the functions and their URLs once the first worker has loaded them, as <c>func start</c> does, and the CORS origins.</summary>
public sealed partial class HostStartupAnnouncer(FunctionCatalog catalog, HttpRoutes routes, HostListeners listeners, HostCorsSettings cors, IHostApplicationLifetime lifetime, ILogger<HostStartupAnnouncer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var functions = await catalog.FunctionsKnown.WaitAsync(stoppingToken);
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var baseUri = listeners.PublicUri.ToString().TrimEnd('/');
        foreach (var (function, template, methods) in routes.Table?.Describe() ?? [])
        {
            HttpFunction(logger, function, methods is null ? "ANY" : string.Join(",", methods).ToUpperInvariant(), baseUri + template);
        }
        foreach (var function in functions.Where(function => !function.IsHttp))
        {
            OtherFunction(logger, function.Name, function.Trigger.Type);
        }
        if (cors.Enabled)
        {
            CorsAllowed(logger, string.Join(",", cors.AllowedOrigins), cors.SupportCredentials);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {FunctionName}: [{Methods}] {Url}")]
    private static partial void HttpFunction(ILogger logger, string functionName, string methods, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {FunctionName}: {TriggerType}")]
    private static partial void OtherFunction(ILogger logger, string functionName, string triggerType);

    [LoggerMessage(Level = LogLevel.Information, Message = "CORS (Host.CORS): allowed origins {AllowedOrigins}, credentials {SupportCredentials}")]
    private static partial void CorsAllowed(ILogger logger, string allowedOrigins, bool supportCredentials);
}
