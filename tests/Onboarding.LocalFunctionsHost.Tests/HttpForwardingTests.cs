using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>HTTP requests go through the host to the worker's ASP.NET Core integration and back unchanged.</summary>
public sealed class HttpForwardingTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private HttpClient Client => shared.Host.Client;

    [Fact]
    public async Task MethodPathQueryHeadersAndUtf8BodyReachTheFunctionAndComeBack()
    {
        const string text = "Grüße, 世界 — ✓";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo/a/b%20c?x=1&y=two&y=three")
        {
            Content = new StringContent(text, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("x-test", "hello header");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", Header(response, "x-echo-method"));
        Assert.Equal("/api/echo/a/b c", Header(response, "x-echo-path"));
        Assert.Equal("?x=1&y=two&y=three", Header(response, "x-echo-query"));
        Assert.Equal("hello header", Header(response, "x-echo-test-header"));
        Assert.Equal(Client.BaseAddress!.Authority, Header(response, "x-echo-host"));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task AOneMebibyteBinaryBodyArrivesAndReturnsByteForByte()
    {
        var body = new byte[1024 * 1024];
        new Random(12).NextBytes(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await Client.PutAsync("/api/echo/binary", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var returned = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, returned.Length);
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(returned));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(404)]
    [InlineData(418)]
    public async Task TheWorkersStatusCodeAndResponseHeadersReachTheClient(int status)
    {
        using var response = await Client.GetAsync($"/api/echo/status?status={status}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("GET", Header(response, "x-echo-method"));
        Assert.NotEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheWorkerSeesTheInvocationIdHeaderEqualToItsInvocationEvenWhenTheClientSentOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/id");
        request.Headers.Add("x-ms-invocation-id", "client-made-up-id");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Header(response, "x-echo-invocation-id");
        Assert.True(Guid.TryParse(seen, out _), seen);
        Assert.Equal(Header(response, "x-echo-context-invocation-id"), seen);
    }

    [Fact]
    public async Task RouteValuesQueryAndHeadersAreTheTriggerMetadata()
    {
        using var response = await Client.GetAsync("/api/echo/deep/path?color=blue&code=secret");

        var keys = Header(response, "x-echo-binding-data").Split(',');
        Assert.Contains("rest", keys);
        Assert.Contains("color", keys);
        Assert.Contains("Query", keys);
        Assert.Contains("Headers", keys);
        Assert.DoesNotContain("code", keys);
    }

    [Fact]
    public async Task ARouteValueWinsOverAQueryParameterOfTheSameName()
    {
        using var response = await Client.GetAsync("/api/echo/from-the-route?rest=from-the-query");

        Assert.Equal("from-the-route", Header(response, "x-echo-bound-rest"));
    }

    [Fact]
    public async Task APathWithoutAFunctionIsA404Problem()
    {
        using var response = await Client.GetAsync("/api/nothing-here");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "route-not-found");
    }

    [Fact]
    public async Task AMethodTheFunctionDoesNotDeclareIsA404ProblemAsInTheFunctionsHost()
    {
        using var response = await Client.DeleteAsync("/api/echo/anything");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "route-not-found");
    }

    [Fact]
    public async Task AFunctionThatThrowsIsA500ProblemWithoutItsInternals()
    {
        using var response = await Client.GetAsync("/api/echo/x?fail=1");

        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "function-failed");
        Assert.DoesNotContain("secret-internal-detail", body.GetRawText());
        Assert.DoesNotContain("InvalidOperationException", body.GetRawText());
    }

    [Fact]
    public void ByDefaultTheWorkerIndexesItsFunctionsOverGrpc() =>
        Assert.Contains(shared.Host.Logs.Lines, line => line.Message == "Functions indexed from the worker (FunctionsMetadataRequest)");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
