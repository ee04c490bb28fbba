using System.Net;
using Onboarding.LocalFunctionsHost.Tests.Infrastructure;

namespace Onboarding.LocalFunctionsHost.Tests;

/// <summary>local.settings.json <c>Host.CORS</c> and <c>Host.CORSCredentials</c>, applied as <c>func start</c> applies them.</summary>
public sealed class CorsTests(CorsHost cors, SharedHost withoutCors) : IClassFixture<CorsHost>, IClassFixture<SharedHost>
{
    private const string Allowed = "http://127.0.0.1:5173";

    [Theory]
    [InlineData("PUT", "/api/echo/steps/1")]
    [InlineData("POST", "/api/echo/start")]
    [InlineData("DELETE", "/api/echo/anything")]
    [InlineData("GET", "/api/no-function-here")]
    public async Task APreflightFromAnAllowedOriginIsGrantedForAnyRouteMethodAndTheApisHeaders(string method, string path)
    {
        using var response = await cors.Host.Client.SendAsync(Preflight(path, Allowed, method, "authorization,content-type,if-match"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(method, Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal(["authorization", "content-type", "if-match"], Header(response, "Access-Control-Allow-Headers").Split(',').Select(name => name.Trim()).Order());
        Assert.Equal("", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("Origin", Header(response, "Vary"));
    }

    [Fact]
    public async Task AFunctionsResponseToAnAllowedOriginCarriesTheOriginAndNoExposedHeadersOfTheHosts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/cors");
        request.Headers.Add("Origin", "http://localhost:5173");

        using var response = await cors.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET", Header(response, "x-echo-method"));
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task AnOriginThatIsNotListedIsGrantedNothing()
    {
        using var preflight = await cors.Host.Client.SendAsync(Preflight("/api/echo/x", "http://127.0.0.1:5174", "PUT", "authorization"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/x");
        request.Headers.Add("Origin", "http://localhost:5174");
        using var response = await cors.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.DoesNotContain(preflight.Headers, IsCorsHeader);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, IsCorsHeader);
    }

    [Fact]
    public async Task WithoutHostCorsAPreflightReachesTheRouteTableAndIsRefusedAsBefore()
    {
        using var response = await withoutCors.Host.Client.SendAsync(Preflight("/api/echo/x", Allowed, "PUT", "authorization"));

        // OPTIONS is not among the function's methods: no route, as in the Functions host.
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "route-not-found");
        Assert.DoesNotContain(response.Headers, IsCorsHeader);
    }

    [Fact]
    public async Task CorsCredentialsTrueAllowsCredentialedRequestsFromTheListedOrigins()
    {
        await using var host = await RunningHost.StartAsync(hostSection: """{"CORS":"http://localhost:5173","CORSCredentials":true}""");

        using var response = await host.Client.SendAsync(Preflight("/api/echo/x", "http://localhost:5173", "GET", "authorization"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AStarAllowsEveryOriginWithAWildcardAnswer()
    {
        await using var host = await RunningHost.StartAsync(hostSection: """{"CORS":"*"}""");

        using var response = await host.Client.SendAsync(Preflight("/api/echo/x", "https://any.example", "PUT", "if-match"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("if-match", Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task AStarWithCredentialsIsRefusedAtStartAsTheCorsProtocolForbidsIt()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningHost.StartAsync(hostSection: """{"CORS":"*","CORSCredentials":true}"""));

        Assert.Contains("credentials", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static bool IsCorsHeader(KeyValuePair<string, IEnumerable<string>> header) =>
        header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";
}
