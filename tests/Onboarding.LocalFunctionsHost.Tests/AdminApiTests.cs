using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>The admin API with a master key, as the Functions host guards it, and its host status and ping.</summary>
public sealed class AdminApiTests
{
    private const string MasterKey = "test-master-key-0123456789";

    [Fact]
    public async Task WithAMasterKeyTheAdminApiAnswersOnlyCallersThatPresentIt()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["LocalFunctionsHost__MasterKey"] = MasterKey });
        await host.WaitUntilReadyAsync();

        using var noKey = await host.Client.PostAsJsonAsync("/admin/functions/Tick", new { input = "" });
        using var wrongKey = await SendAsync(host, HttpMethod.Post, "/admin/functions/Tick", "not-the-key");
        using var statusNoKey = await host.Client.GetAsync("/admin/host/status");
        using var withHeader = await SendAsync(host, HttpMethod.Post, "/admin/functions/Tick", MasterKey);
        using var withCode = await host.Client.PostAsJsonAsync("/admin/functions/ProcessMessage?code=" + MasterKey, new { input = "keyed" });
        using var status = await SendAsync(host, HttpMethod.Get, "/admin/host/status", MasterKey);
        using var ping = await host.Client.GetAsync("/admin/host/ping");
        using var unknown = await SendAsync(host, HttpMethod.Get, "/admin/host/nothing-here", MasterKey);

        await ProblemAssert.IsProblemAsync(noKey, HttpStatusCode.Unauthorized, "admin-key-required");
        await ProblemAssert.IsProblemAsync(wrongKey, HttpStatusCode.Unauthorized, "admin-key-required");
        await ProblemAssert.IsProblemAsync(statusNoKey, HttpStatusCode.Unauthorized, "admin-key-required");
        Assert.Equal(HttpStatusCode.Accepted, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(host.HostId, body.GetProperty("id").GetString());
        Assert.Equal("Running", body.GetProperty("state").GetString());
        Assert.Equal("4.0.0-local", body.GetProperty("version").GetString());
        Assert.True(body.GetProperty("processUptime").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "route-not-found");
        Assert.Single(await host.Observations.WaitForAsync("tick", seen => seen.Count == 1));
        var done = Assert.Single(await host.Observations.WaitForAsync("done", seen => seen.Count == 1));
        Assert.Equal("keyed", done.GetProperty("message").GetString());
    }

    [Fact]
    public async Task WithoutAMasterKeyLocalCallersAreAdminAsUnderFuncStart()
    {
        await using var host = await RunningHost.StartAsync();
        await host.WaitUntilReadyAsync();

        using var status = await host.Client.GetAsync("/admin/host/status");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Running", JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());
    }

    private static Task<HttpResponseMessage> SendAsync(RunningHost host, HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", key);
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new { input = "" });
        }
        return host.Client.SendAsync(request);
    }
}
