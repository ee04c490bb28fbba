using System.Net;
using Microsoft.Extensions.Configuration;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Auth;

public sealed class DevTokenCommandTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void WithoutALocalSigningKeyNoTokenIsMinted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "https://login.example/tenant",
        }).Build();
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = DevTokenCommand.Run(["--org", "org-1"], configuration, output, errors);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("Auth__SigningKey", errors.ToString());
    }

    [Fact]
    public async Task AMintedTokenIsAcceptedForItsOrganizationAndRole()
    {
        var org = TestStorage.UniqueId();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = TestTokens.Issuer,
            ["Auth:Audience"] = TestTokens.Audience,
            ["Auth:SigningKey"] = TestTokens.SigningKey,
        }).Build();
        var output = new StringWriter();

        var exitCode = DevTokenCommand.Run(["--org", org, "--role", "org_member"], configuration, output, TextWriter.Null);
        using var client = fixture.App.CreateClient().WithToken(output.ToString().Trim());

        Assert.Equal(0, exitCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/orgs/{org}/onboarding")).StatusCode);
        await (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null)).AssertProblemAsync(403, "role_required");
    }
}
