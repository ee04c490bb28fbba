using System.Net;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

/// <summary>
/// A browser page on another origin can read ETag, Location and Retry-After only when the response lists them in
/// Access-Control-Expose-Headers; the platform's CORS never does, so the app's own answers carry it.
/// </summary>
public sealed class ExposedHeadersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AnAnswerWithAnETagListsTheHeadersAClientReads()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.ClientFor(org);

        using var response = await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/start", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("ETag, Location, Retry-After", ExposedHeaders(response));
    }

    [Fact]
    public async Task RefusalsAndAnonymousRoutesListThemToo()
    {
        var org = TestStorage.UniqueId();
        using var anonymous = fixture.App.CreateClient();

        using var unauthenticated = await anonymous.GetAsync($"/api/orgs/{org}/onboarding/wizard");
        using var health = await anonymous.GetAsync("/api/health");

        await unauthenticated.AssertProblemAsync(401, "unauthenticated");
        Assert.Equal("ETag, Location, Retry-After", ExposedHeaders(unauthenticated));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ETag, Location, Retry-After", ExposedHeaders(health));
    }

    private static string ExposedHeaders(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Expose-Headers", out var values) ? string.Join(",", values) : "";
}
