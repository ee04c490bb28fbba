using System.Net;
using System.Text.Json;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Hosting;

public sealed class HttpForwardingTests
{
    [Fact]
    public async Task AForwardedHttpRequestIsAnsweredOnItsOriginalPath()
    {
        await using var app = new OnboardingApplication();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        // What the host adds when it forwards a request to the custom handler.
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("table").GetProperty("reachable").GetBoolean());
        Assert.True(body.RootElement.GetProperty("queue").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task TheAppListensOnRealHttp()
    {
        await using var app = new OnboardingApplication();
        using var client = app.CreateClient();

        Assert.Equal("http", client.BaseAddress!.Scheme);
        Assert.NotEqual(0, client.BaseAddress.Port);
        Assert.NotEqual(7071, client.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
    }
}
