using System.Net;
using Onboarding.DevTokens;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Auth;

public sealed class DevTokenToolTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly Dictionary<string, string> LocalKey = new()
    {
        ["Auth__Issuer"] = TestTokens.Issuer,
        ["Auth__Audience"] = TestTokens.Audience,
        ["Auth__SigningKey"] = TestTokens.SigningKey,
    };

    [Fact]
    public void WithoutALocalSigningKeyNoTokenIsMinted()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = DevTokenMinter.Run(["--org", "org-1"], Environment(new() { ["Auth__Authority"] = "https://login.example/tenant" }), output, errors);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("Auth__SigningKey", errors.ToString());
    }

    [Fact]
    public void AnUnknownRoleIsRefused()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = DevTokenMinter.Run(["--org", "org-1", "--role", "superuser"], Environment(LocalKey), output, errors);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("Unknown role 'superuser'", errors.ToString());
    }

    [Fact]
    public void HelpSaysHowToUseItWithoutNeedingAKey()
    {
        var output = new StringWriter();

        var exitCode = DevTokenMinter.Run(["--help"], Environment(new()), output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Contains("--org <orgId>", output.ToString());
    }

    [Fact]
    public void TheToolKnowsExactlyTheAppsRoles() =>
        Assert.Equal([OnboardingRoles.OrgAdmin, OnboardingRoles.OrgMember, OnboardingRoles.PlatformAnalyst], DevTokenMinter.Roles);

    [Fact]
    public async Task AMintedTokenIsAcceptedForItsOrganizationAndRole()
    {
        var org = TestStorage.UniqueId();
        var output = new StringWriter();

        var exitCode = DevTokenMinter.Run(["--org", org, "--role", "org_member"], Environment(LocalKey), output, TextWriter.Null);
        using var client = fixture.App.CreateClient().WithToken(output.ToString().Trim());

        Assert.Equal(0, exitCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/orgs/{org}/onboarding/tutorials")).StatusCode);
        await (await client.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null)).AssertProblemAsync(403, "role_required");
    }

    private static Func<string, string?> Environment(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);
}
