namespace Onboarding.Functions;

/// <summary>
/// The app's start-up checks (the catalog, the auth settings, the access declarations): a failed one stops the start, as
/// before any request. They start on the thread pool as soon as the host starts its services, before the Functions
/// worker's own (its gRPC channel, Kestrel), and run beside them on the instance's other core; the start waits for them
/// where the checks used to run, before the storage work. Run one after the other after the worker's services, they
/// added about 50 ms to the time to the first answer (docs/performance.md, "7 December, later").
/// </summary>
public static class StartupChecks
{
    /// <summary>Adds <paramref name="check"/>, which throws when the app must not start.</summary>
    public static IServiceCollection AddStartupCheck(this IServiceCollection services, Action<IServiceProvider> check)
    {
        services.AddSingleton(new StartupCheck(check));
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(Run)))
        {
            services.AddSingleton<Run>();
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, Begin>());
            services.AddHostedService<Completed>();
        }
        return services;
    }

    private sealed record StartupCheck(Action<IServiceProvider> Check);

    /// <summary>Every check, each started once on the thread pool.</summary>
    private sealed class Run(IEnumerable<StartupCheck> checks, IServiceProvider services)
    {
        private readonly Lazy<Task> all = new(() => Task.WhenAll(checks.Select(check => Task.Run(() => check.Check(services)))));

        public Task All => all.Value;
    }

    /// <summary>The first hosted service: starts the checks and returns at once.</summary>
    private sealed class Begin(Run run) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = run.All;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Where the checks used to run: the start goes on only once every check has passed.</summary>
    private sealed class Completed(Run run) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => run.All.WaitAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
