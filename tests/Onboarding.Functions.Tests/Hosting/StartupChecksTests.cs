using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Onboarding.Functions.Tests.Hosting;

/// <summary>When the app's start-up checks run relative to the Functions worker's own start (docs/performance.md).</summary>
public sealed class StartupChecksTests
{
    [Fact]
    public void TheChecksBeginBeforeTheWorkersOwnServicesStart()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        var workerServices = builder.Services.Count(d => d.ServiceType == typeof(IHostedService));

        builder.Services.AddOnboardingFunctions();

        var hosted = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.True(workerServices > 0, "the worker registers hosted services of its own");
        // Hosted services start one after the other in this order: the first one starts the checks on the thread pool.
        Assert.Equal(typeof(OnboardingFunctionsSetup).Assembly, hosted[0].ImplementationType?.Assembly);
        Assert.Equal("Begin", hosted[0].ImplementationType?.Name);
    }

    [Fact]
    public async Task AFailedCheckStillStopsTheStartWhereTheChecksUsedToRun()
    {
        var services = new ServiceCollection();
        var ran = new List<string>();
        services.AddStartupCheck(_ => throw new InvalidOperationException("bad setting"));
        services.AddHostedService(_ => new Recording(ran));
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            foreach (var service in provider.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
            }
        });

        Assert.Equal("bad setting", error.Message);
        Assert.Empty(ran);
    }

    private sealed class Recording(List<string> ran) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            ran.Add("started");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
