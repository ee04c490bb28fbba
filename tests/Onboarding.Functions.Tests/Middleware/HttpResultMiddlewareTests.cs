using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Tests.Middleware;

public sealed class HttpResultMiddlewareTests
{
    private sealed record Overview(string OrganizationId, int[] Steps);

    [Fact]
    public async Task AnIResultGoesToTheHostAsAnEmptyObjectAndStillWritesTheSameResponse()
    {
        var original = TypedResults.Ok(new Overview("org-1", [1, 2, 3, 4, 5]));

        var forHost = HttpResultMiddleware.ForTheHost(original);

        // What the worker sends in the InvocationResponse: its default serializer over the value.
        Assert.Equal("{}", new JsonObjectSerializer().Serialize(forHost!).ToString());
        Assert.Contains("org-1", new JsonObjectSerializer().Serialize(original).ToString(), StringComparison.Ordinal);
        var (status, body) = await ExecuteAsync((IResult)forHost!);
        var (expectedStatus, expectedBody) = await ExecuteAsync(original);
        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedBody, body);
        Assert.Equal("org-1", JsonDocument.Parse(body).RootElement.GetProperty("organizationId").GetString());
    }

    [Fact]
    public void OtherValuesAndAnAlreadyWrappedResultAreLeftAsTheyAre()
    {
        var wrapped = HttpResultMiddleware.ForTheHost(TypedResults.NoContent());

        Assert.Same(wrapped, HttpResultMiddleware.ForTheHost(wrapped));
        Assert.Null(HttpResultMiddleware.ForTheHost(null));
        Assert.Equal("text", HttpResultMiddleware.ForTheHost("text"));
    }

    private static async Task<(int Status, string Body)> ExecuteAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
