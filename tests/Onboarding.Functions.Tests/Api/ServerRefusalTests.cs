using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Api;

/// <summary>Requests the web server refuses before the app sees them still get problem documents.</summary>
public sealed class ServerRefusalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, int, string> Refused => new()
    {
        { $"/api/orgs/{new string('x', 12_000)}/onboarding", 414, "uri_too_long" },
        { "/api/orgs/%00/onboarding", 400, "bad_request" },
        { "/api/orgs/a%00b/onboarding/wizard", 400, "bad_request" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ARequestTheServerCannotReadGetsAProblemDocument(string path, int status, string code)
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync(path);

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task HeadersOverTheServerLimitGetAProblemDocument()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40_000));

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(431, "request_headers_too_large");
    }

    [Fact]
    public async Task AMalformedRequestLineOnARawSocketGetsAProblemDocument()
    {
        using var client = fixture.App.CreateClient();
        var address = client.BaseAddress!;
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("Content-Type: application/problem+json", answer);
        var body = JsonDocument.Parse(answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement;
        Assert.Equal("urn:onboarding:problem:bad_request", body.GetProperty("type").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }
}
