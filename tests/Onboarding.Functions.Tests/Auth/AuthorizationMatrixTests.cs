using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Auth;

/// <summary>Every org route against every kind of caller that must be refused.</summary>
public sealed partial class AuthorizationMatrixTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed record Caller(string Name, Func<string, string?> Token, int Status, string Code, Func<AccessLevel, bool>? AppliesTo = null);

    private static readonly Caller[] Refused =
    [
        new("no token", _ => null, 401, "unauthenticated"),
        new("bad signature", org => TestTokens.For(org, key: "another-key-that-is-also-long-enough-for-hs256"), 401, "unauthenticated"),
        new("expired", org => TestTokens.For(org, expires: DateTime.UtcNow.AddMinutes(-10)), 401, "unauthenticated"),
        new("wrong audience", org => TestTokens.For(org, audience: "some-other-api"), 401, "unauthenticated"),
        new("untrusted issuer", org => TestTokens.For(org, issuer: "https://evil.example"), 401, "unauthenticated"),
        new("other organization's admin", _ => TestTokens.For("intruder-org"), 404, "organization_not_found"),
        new("member on an admin route", org => TestTokens.For(org, OnboardingRoles.OrgMember), 403, "role_required",
            level => level is AccessLevel.OrgAdmin or AccessLevel.OrgAdminOrAnalyst or AccessLevel.OnboardingStateReader),
        // A platform analyst reads and erases any organization's data (export, erasure) but is nobody's member.
        new("platform analyst on an organization's own route", _ => TestTokens.Analyst(), 404, "organization_not_found",
            level => level is AccessLevel.OrgMember or AccessLevel.OrgAdmin or AccessLevel.OnboardingStateReader),
    ];

    [Fact]
    public async Task EveryOrgRouteRefusesEveryCallerItMustAndLeaksNothing()
    {
        var victim = TestStorage.UniqueId("victim");
        var secret = "Secret Choir " + Guid.NewGuid().ToString("N")[..8];
        using (var owner = fixture.App.ClientFor(victim))
        {
            var step = $$"""{"organizationName":"{{secret}}","timezone":"Europe/Berlin"}""";
            (await owner.PutAsync($"/api/orgs/{victim}/onboarding/wizard/steps/1", JsonRequests.Json(step))).EnsureSuccessStatusCode();
        }
        var before = await StoredRows.OfOrganizationAsync(victim);
        var routes = OrgRoutes();
        Assert.NotEmpty(routes);

        var checkedCount = 0;
        foreach (var (method, template, level) in routes)
        {
            foreach (var caller in Refused.Where(c => c.AppliesTo?.Invoke(level) ?? true))
            {
                using var client = fixture.App.CreateClient();
                if (caller.Token(victim) is { } token)
                {
                    client.WithToken(token);
                }
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template, victim));
                if (method is "POST" or "PUT")
                {
                    request.Content = JsonRequests.Json("{}");
                }

                using var response = await client.SendAsync(request);

                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode == caller.Status, $"{method} {template} as {caller.Name}: {(int)response.StatusCode} {body}");
                await response.AssertProblemAsync(caller.Status, caller.Code);
                Assert.DoesNotContain(secret, body);
                if (caller.Status == 401)
                {
                    Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
                }
                checkedCount++;
            }
        }

        await WizardApiTests.AssertUnchangedAsync(victim, before);
        Assert.True(checkedCount >= routes.Count * 6);
    }

    [Fact]
    public async Task AMemberReadsWhatTheProductShowsEveryoneButNotTheOnboardingStateAndChangesNothing()
    {
        var org = TestStorage.UniqueId();
        using var member = fixture.App.ClientFor(org, OnboardingRoles.OrgMember);

        foreach (var shown in new[] { "/features", "/tutorials" })
        {
            using var read = await member.GetAsync($"/api/orgs/{org}/onboarding{shown}");
            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        }
        foreach (var state in new[] { "", "/wizard", "/checklist", "/sample-data" })
        {
            using var refused = await member.GetAsync($"/api/orgs/{org}/onboarding{state}");
            await refused.AssertProblemAsync(403, "role_required");
        }
        using var change = await member.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null);
        await change.AssertProblemAsync(403, "role_required");
    }

    [Fact]
    public async Task ADeploymentThatWidensReadsLetsMembersReadTheOnboardingState()
    {
        var org = TestStorage.UniqueId();
        await using var app = new InProcessApp().WithSetting("Auth:MembersReadOnboardingState", "true");
        using var member = app.ClientFor(org, OnboardingRoles.OrgMember);

        foreach (var state in new[] { "", "/wizard", "/checklist", "/sample-data" })
        {
            using var read = await member.GetAsync($"/api/orgs/{org}/onboarding{state}");
            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        }
        using var change = await member.PostAsync($"/api/orgs/{org}/onboarding/wizard/skip", null);
        await change.AssertProblemAsync(403, "role_required");
    }

    [Fact]
    public async Task ATokenWithoutARoleIsRefused()
    {
        var org = TestStorage.UniqueId();
        using var client = fixture.App.CreateClient().WithToken(TestTokens.For(org, role: "guest"));

        using var response = await client.GetAsync($"/api/orgs/{org}/onboarding");

        await response.AssertProblemAsync(403, "role_required");
    }

    [Fact]
    public async Task AnalyticsRoutesAreForPlatformAnalystsOnly()
    {
        var routes = FunctionAccessPolicies.HttpFunctions(typeof(OnboardingFunctionsSetup).Assembly)
            .Where(f => f.Method.GetCustomAttribute<AccessAttribute>()!.Level == AccessLevel.PlatformAnalyst)
            .Select(f => "/api/" + f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(t => t is not null)!.Route)
            .ToList();
        Assert.Equal(["/api/analytics/checklist", "/api/analytics/completion-time", "/api/analytics/daily-active", "/api/analytics/funnel", "/api/analytics/organizations", "/api/analytics/stalled"],
            routes.Order(StringComparer.Ordinal));
        (string Name, string? Token, int Status, string? Code)[] callers =
        [
            ("no token", null, 401, "unauthenticated"),
            ("expired analyst", TestTokens.For("", OnboardingRoles.PlatformAnalyst, expires: DateTime.UtcNow.AddMinutes(-10)), 401, "unauthenticated"),
            ("analyst of another audience", TestTokens.For("", OnboardingRoles.PlatformAnalyst, audience: "some-other-api"), 401, "unauthenticated"),
            ("organization admin", TestTokens.For(TestStorage.UniqueId()), 403, "role_required"),
            ("organization member", TestTokens.For(TestStorage.UniqueId(), OnboardingRoles.OrgMember), 403, "role_required"),
            ("analyst", TestTokens.Analyst(), 200, null),
        ];

        foreach (var route in routes)
        {
            foreach (var caller in callers)
            {
                using var client = fixture.App.CreateClient();
                if (caller.Token is { } token)
                {
                    client.WithToken(token);
                }
                using var response = await client.GetAsync(route + "?from=2001-01-01&to=2001-01-02&olderThanHours=48&pageSize=1");

                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode == caller.Status, $"{route} as {caller.Name}: {(int)response.StatusCode} {body}");
                if (caller.Code is { } code)
                {
                    await response.AssertProblemAsync(caller.Status, code);
                }
            }
        }
    }

    /// <summary>Every organization route of the app, read from the functions' declarations.</summary>
    private static List<(string Method, string Template, AccessLevel Level)> OrgRoutes() =>
        FunctionAccessPolicies.HttpFunctions(typeof(OnboardingFunctionsSetup).Assembly)
            .Select(f => (trigger: f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(t => t is not null)!,
                level: f.Method.GetCustomAttribute<AccessAttribute>()!.Level))
            .Where(f => f.level is AccessLevel.OrgMember or AccessLevel.OrgAdmin or AccessLevel.OrgAdminOrAnalyst or AccessLevel.OnboardingStateReader)
            .SelectMany(f => f.trigger.Methods!.Select(m => (m.ToUpperInvariant(), "/api/" + f.trigger.Route, f.level)))
            .ToList();

    /// <summary>The route with the victim's id and a plausible value for every other parameter.</summary>
    private static string Fill(string template, string organizationId) =>
        RouteParameter().Replace(template.Replace("{orgId}", organizationId, StringComparison.Ordinal), match => match.Groups[1].Value switch
        {
            "step" => "1",
            "taskId" => "view_reports",
            "tutorialId" => "events_intro",
            _ => "x",
        });

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
