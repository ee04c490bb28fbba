using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;
using Onboarding.LocalFunctionsHost.Worker;
using Xunit.Abstractions;

namespace Onboarding.LocalFunctionsHost.Tests;

public sealed class StartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartUpToTheFirst200IsMeasuredAndARequestSentDuringStartWaitsForTheWorker()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await RunningHost.StartAsync();
        var readyBeforeTheRequest = host.Services.GetRequiredService<FunctionCatalog>().IsReady;

        using var response = await host.Client.GetAsync("/api/echo/ready");
        var elapsed = clock.Elapsed;

        Assert.False(readyBeforeTheRequest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = $"Local Functions host: start-up to first 200 took {elapsed.TotalMilliseconds:F0} ms (the first request, sent at once, was held until the worker was ready)";
        output.WriteLine(line);
        // scripts/test.sh prints the figures file after the run (test output is hidden at normal verbosity).
        if (Environment.GetEnvironmentVariable("ONBOARDING_TEST_FIGURES") is { Length: > 0 } notes)
        {
            await File.AppendAllTextAsync(notes, line + Environment.NewLine);
        }
    }

    [Fact]
    public async Task AnHttpFunctionAnswersWhileTheQueueListenerAndTheTimerLeaseAreStillStarting()
    {
        // Storage that accepts connections and never answers: the queue listener's first receive and the timer's lease
        // acquisition stay pending. The Functions host serves HTTP from ScriptHostState.Initialized, before the JobHost
        // starts its listeners, so an HTTP function must not wait for them.
        using var silentStorage = new TcpListener(IPAddress.Loopback, 0);
        silentStorage.Start();
        var port = ((IPEndPoint)silentStorage.LocalEndpoint).Port;
        var accepted = new List<Socket>();
        using var stopAccepting = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stopAccepting.IsCancellationRequested)
            {
                accepted.Add(await silentStorage.AcceptSocketAsync(stopAccepting.Token));
            }
        });
        var storage = System.Text.RegularExpressions.Regex.Replace(TestStorage.ConnectionString, @"127\.0\.0\.1:[0-9]+", $"127.0.0.1:{port}");
        Assert.NotEqual(TestStorage.ConnectionString, storage);
        try
        {
            await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["AzureWebJobsStorage"] = storage });

            using var response = await host.Client.GetAsync("/api/echo/while-listeners-start");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(accepted);
            Assert.DoesNotContain(host.Logs.Lines, line => line.Message.StartsWith("Singleton lock acquired", StringComparison.Ordinal));
        }
        finally
        {
            await stopAccepting.CancelAsync();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            silentStorage.Stop();
            accepted.ForEach(socket => socket.Dispose());
        }
    }
}
