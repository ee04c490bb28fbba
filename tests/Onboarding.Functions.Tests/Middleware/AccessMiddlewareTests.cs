using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Tests.Hosting;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Middleware;

/// <summary>The access decision of the worker middleware, in process with a mocked FunctionContext and the app's real services.</summary>
public sealed class AccessMiddlewareTests : IAsyncLifetime
{
    private const string GetWizard = "Onboarding.Functions.Wizard.WizardFunctions.GetWizard";
    private readonly InProcessApp app = new();

    public async Task InitializeAsync() => await app.StartedAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AFunctionWithoutADeclarationIsRefusedForEveryCallerEvenWithAValidToken()
    {
        var http = Request("org-a", TestTokens.For("org-a"));
        var context = FunctionContexts.For("Undeclared", typeof(FunctionMetadataTests.UndeclaredFunction).FullName + ".Run", http);

        var refusal = await Middleware().RefusalAsync(context, http);

        Assert.Equal(403, Assert.IsType<ProblemHttpResult>(refusal).StatusCode);
        Assert.Equal("access_undeclared", ((ProblemHttpResult)refusal!).ProblemDetails.Extensions["code"]);
    }

    [Fact]
    public async Task AnOrganizationBoundFromElsewhereThanTheRouteIsRefused()
    {
        var http = Request("org-a", TestTokens.For("org-a"));
        var context = FunctionContexts.For("GetWizard", GetWizard, http, new Dictionary<string, object?> { ["orgId"] = "org-b" });

        var refusal = await Middleware().RefusalAsync(context, http);

        Assert.Equal(400, Assert.IsType<ProblemHttpResult>(refusal).StatusCode);
    }

    [Theory]
    [InlineData("org-a", "org_admin", null)]
    [InlineData("org-a", "org_member", 403)]
    [InlineData("org-b", "org_admin", 404)]
    [InlineData("org-a", "guest", 403)]
    public async Task TheDeclaredLevelIsCheckedAgainstTheToken(string tokenOrganization, string role, int? refusedWith)
    {
        var http = Request("org-a", TestTokens.For(tokenOrganization, role));
        var context = FunctionContexts.For("GetWizard", GetWizard, http, new Dictionary<string, object?> { ["orgId"] = "org-a" });

        var refusal = await Middleware().RefusalAsync(context, http);

        Assert.Equal(refusedWith, (refusal as IStatusCodeHttpResult)?.StatusCode);
    }

    private AccessMiddleware Middleware() => new(app.Services.GetRequiredService<FunctionAccessPolicies>());

    private HttpContext Request(string routeOrganization, string token)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Headers.Authorization = "Bearer " + token;
        http.Request.RouteValues["orgId"] = routeOrganization;
        return http;
    }
}
