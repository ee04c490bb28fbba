using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Admin;
using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Http;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Lifecycle;
using Onboarding.LocalFunctionsHost.Queues;
using Onboarding.LocalFunctionsHost.Timers;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost;

/// <summary>Builds the host: one Kestrel with the public HTTP listener and the worker's loopback h2c gRPC listener.</summary>
public static class LocalFunctionsHost
{
    public static WebApplication Build(HostStartupOptions startup, Action<ILoggingBuilder>? configureLogging = null)
    {
        var appDirectory = Path.GetFullPath(startup.AppDirectory);
        startup = startup with { AppDirectory = appDirectory };
        var settings = AppSettings.Load(startup);
        var hostJson = HostJson.Load(appDirectory, settings);
        var workerConfig = WorkerConfig.Load(appDirectory);
        var cors = HostCorsSettings.Load(startup);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);

        var listeners = new HostListeners();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, startup.HttpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseProblemDocumentsForServerRefusals();
                listeners.Public = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listeners.Grpc = listen;
            });
        });

        var services = builder.Services;
        services.AddSingleton(startup);
        services.AddSingleton(settings);
        services.AddSingleton(hostJson);
        services.AddSingleton(workerConfig);
        services.AddSingleton(cors);
        services.AddCors();
        services.AddSingleton(QueuesOptions.From(hostJson, settings, isDevelopment: true));
        services.AddSingleton(listeners);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HostDrain>();
        services.AddSingleton<GrpcListener>();
        services.AddSingleton<WorkerSessions>();
        services.AddSingleton<FunctionCatalog>();
        services.AddSingleton<WorkerLogRouter>();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<HttpRoutes>();
        services.AddSingleton<WorkerHttpForwarder>();
        services.AddSingleton<HttpTriggerMiddleware>();
        services.AddSingleton<HostId>();
        services.AddSingleton<AdminAccess>();
        services.AddSingleton<AdminInvokeEndpoint>();
        services.AddSingleton<HostStatusEndpoint>();
        services.AddSingleton<AdminRoutes>();
        services.AddHttpForwarder();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = int.MaxValue;
            grpc.MaxSendMessageSize = int.MaxValue;
        });
        services.AddSingleton<WorkerSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerSupervisor>());
        services.AddHostedService<QueueTriggers>();
        services.AddHostedService<TimerTriggers>();
        services.AddHostedService<HostStartupAnnouncer>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = HostDrain.ReadTimeout(settings) + TimeSpan.FromSeconds(15));

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<GrpcListener>().Bound(listeners.Grpc!.IPEndPoint!.Port));
        app.UseHostCors(cors);
        app.Use(async (context, next) =>
        {
            var grpc = app.Services.GetRequiredService<GrpcListener>();
            if (context.Connection.LocalPort == grpc.Port)
            {
                await next(context);
            }
            else if (context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
            {
                await app.Services.GetRequiredService<AdminRoutes>().InvokeAsync(context);
            }
            else
            {
                await app.Services.GetRequiredService<HttpTriggerMiddleware>().InvokeAsync(context);
            }
        });
        app.MapGrpcService<FunctionRpcService>();
        return app;
    }
}
