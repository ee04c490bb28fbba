using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Onboarding.Functions.Api;

namespace Onboarding.Functions.Hosting;

public static class FunctionsHostSetup
{
    /// <summary>Set by the Functions host when it starts this process as its custom handler.</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The local port in standalone mode (default 7071, like <c>func start</c>).</summary>
    public const string LocalPortSetting = "ONBOARDING_PORT";

    /// <summary>Set to false to run standalone without polling queues and firing timers.</summary>
    public const string LocalDriverSetting = "LocalTriggerDriver:Enabled";

    /// <summary>The table where the local driver keeps timer schedule status.</summary>
    public const string TimerStatusTableSetting = "LocalTriggerDriver:TimerStatusTable";

    /// <summary>Whether this process runs without a Functions host, and so drives its own triggers.</summary>
    public static bool IsStandalone(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration[CustomHandlerPortVariable]);

    /// <summary>
    /// Makes the app a Functions custom handler: host.json settings, the listening address, the
    /// invocation path for queue and timer functions and, without a host, the local trigger driver.
    /// </summary>
    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddHostJson(builder.Environment.ContentRootPath);
        var hostPort = builder.Configuration[CustomHandlerPortVariable];
        if (!string.IsNullOrEmpty(hostPort))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort}");
        }
        else
        {
            // A default below every other source: --urls, ASPNETCORE_URLS or a test server still win.
            var port = builder.Configuration[LocalPortSetting] ?? "7071";
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?> { [WebHostDefaults.ServerUrlsKey] = $"http://127.0.0.1:{port}" },
            });
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseProblemDocumentsForServerRefusals()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddOptions<QueueTriggerOptions>().BindConfiguration(QueueTriggerOptions.Section);
        builder.Services.AddHostedService<LocalTriggerDriver>();
        return builder;
    }
}
