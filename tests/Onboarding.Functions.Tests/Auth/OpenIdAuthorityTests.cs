using System.Net;
using System.Security.Cryptography;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Auth;

public sealed class OpenIdAuthorityTests
{
    [Fact]
    public async Task ATokenSignedWithAKeyFromTheAuthoritysMetadataIsAcceptedAndAnotherKeyIsNot()
    {
        await using var authority = await OpenIdAuthority.StartAsync();
        await using var app = new OnboardingApplication()
            .WithSetting("Auth:Authority", authority.Url)
            .WithSetting("Auth:RequireHttpsMetadata", "false")
            .WithSetting("Auth:SigningKey", "")
            .WithSetting("Auth:Issuer", "");
        var org = TestStorage.UniqueId();
        using var stranger = RSA.Create(2048);

        using var accepted = app.CreateClient().WithToken(authority.Token(org, OnboardingRoles.OrgMember));
        using var refused = app.CreateClient().WithToken(authority.Token(org, OnboardingRoles.OrgMember, signWith: stranger));

        using var ok = await accepted.GetAsync($"/api/orgs/{org}/onboarding/features");
        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{ok.StatusCode} {ok.Headers.WwwAuthenticate} {await ok.Content.ReadAsStringAsync()}");
        using var response = await refused.GetAsync($"/api/orgs/{org}/onboarding/features");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }
}
