using System.Net;
using Onboarding.Functions.Tests.Infrastructure;
using Onboarding.Functions.Tests.Wizard;

namespace Onboarding.Functions.Tests.Api;

/// <summary>
/// Every change route against ETags a client took before something it shows changed: its own
/// representation's and the overview's are both refused with 412 and nothing is written; the current
/// one is not refused.
/// </summary>
public sealed class ETagRulesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed record Call(HttpMethod Method, string Path, string? Body = null);

    /// <param name="Setup">Calls that make the change possible.</param>
    /// <param name="Representation">The GET whose ETag the change route answers and accepts.</param>
    /// <param name="Elsewhere">A change by someone else to rows the representation shows.</param>
    private sealed record Route(Call Change, string Representation, Call[] Setup, Call Elsewhere);

    private static readonly Call ShowAll = new(HttpMethod.Put, "/features", """{"showAll":true}""");
    private static readonly Call StartWizard = new(HttpMethod.Post, "/wizard/start");
    private static readonly Call StartOtherTutorial = new(HttpMethod.Post, "/tutorials/teams_setup/start");
    private static readonly Call StartTutorial = new(HttpMethod.Post, "/tutorials/events_intro/start");
    private static readonly Call Dismiss = new(HttpMethod.Post, "/dismiss");

    private static readonly Dictionary<string, Route> Routes = new()
    {
        ["StartWizard"] = new(StartWizard, "/wizard", [], ShowAll),
        ["SubmitWizardStep"] = new(new(HttpMethod.Put, "/wizard/steps/1", WizardApiTests.Steps[0]), "/wizard", [StartWizard], ShowAll),
        ["SkipWizard"] = new(new(HttpMethod.Post, "/wizard/skip"), "/wizard", [StartWizard], ShowAll),
        ["CompleteChecklistTask"] = new(new(HttpMethod.Post, "/checklist/view_reports/complete"), "/checklist", [], ShowAll),
        ["SetFeatureVisibility"] = new(ShowAll, "/features", [], StartWizard),
        ["StartTutorial"] = new(StartTutorial, "/tutorials", [], StartOtherTutorial),
        ["RecordTutorialProgress"] = new(new(HttpMethod.Post, "/tutorials/events_intro/progress", """{"stepsCompleted":2}"""), "/tutorials", [StartTutorial], StartOtherTutorial),
        ["CompleteTutorial"] = new(new(HttpMethod.Post, "/tutorials/events_intro/complete"), "/tutorials", [StartTutorial], StartOtherTutorial),
        ["SkipTutorial"] = new(new(HttpMethod.Post, "/tutorials/events_intro/skip"), "/tutorials", [StartTutorial], StartOtherTutorial),
        ["ResetOnboarding"] = new(new(HttpMethod.Post, "/reset"), "", [StartWizard], StartOtherTutorial),
        ["DismissOnboarding"] = new(Dismiss, "", [], StartOtherTutorial),
        ["UndoDismissOnboarding"] = new(new(HttpMethod.Delete, "/dismiss"), "", [Dismiss], StartOtherTutorial),
        ["GenerateSampleData"] = new(new(HttpMethod.Post, "/sample-data"), "/sample-data", [], ShowAll),
        ["ClearSampleData"] = new(new(HttpMethod.Delete, "/sample-data"), "/sample-data", [new(HttpMethod.Post, "/sample-data")], ShowAll),
    };

    public static TheoryData<string> ChangeRoutes => [.. Routes.Keys];

    [Theory]
    [MemberData(nameof(ChangeRoutes))]
    public async Task AnIfMatchTakenBeforeAChangeToWhatItShowsIsRefusedAndTheCurrentOneIsNot(string function)
    {
        var route = Routes[function];
        var org = TestStorage.UniqueId("etag");
        using var admin = fixture.App.ClientFor(org);
        foreach (var call in route.Setup)
        {
            (await SendAsync(admin, org, call)).EnsureSuccessStatusCode();
        }
        var own = await ETagAsync(admin, org, route.Representation);
        var overview = await ETagAsync(admin, org, "");
        (await SendAsync(admin, org, route.Elsewhere)).EnsureSuccessStatusCode();
        var before = await StoredRows.OfOrganizationAsync(org);

        foreach (var stale in new[] { own, overview })
        {
            using var refused = await SendAsync(admin, org, route.Change, stale);
            await refused.AssertProblemAsync(412, "precondition_failed");
        }
        await WizardApiTests.AssertUnchangedAsync(org, before);

        var current = await ETagAsync(admin, org, route.Representation);
        using var accepted = await SendAsync(admin, org, route.Change, current);
        Assert.NotEqual(HttpStatusCode.PreconditionFailed, accepted.StatusCode);
        Assert.NotEqual(own, current);
    }

    [Fact]
    public async Task TheOverviewsETagChangesWithATutorialAndIsAcceptedByATutorialRouteOnlyWhileCurrent()
    {
        var org = TestStorage.UniqueId("etag");
        using var member = fixture.App.ClientFor(org);
        (await SendAsync(member, org, StartTutorial)).EnsureSuccessStatusCode();
        var overviewBefore = await ETagAsync(member, org, "");
        var tutorialsBefore = await ETagAsync(member, org, "/tutorials");

        using var progressed = await SendAsync(member, org, new(HttpMethod.Post, "/tutorials/events_intro/progress", """{"stepsCompleted":1}"""));
        var overviewAfter = await ETagAsync(member, org, "");

        Assert.NotEqual(overviewBefore, overviewAfter);
        Assert.NotEqual(tutorialsBefore, progressed.Headers.ETag!.ToString());
        Assert.Equal(progressed.Headers.ETag!.ToString(), await ETagAsync(member, org, "/tutorials"));
        using var stale = await SendAsync(member, org, new(HttpMethod.Post, "/tutorials/events_intro/skip"), overviewBefore);
        await stale.AssertProblemAsync(412, "precondition_failed");
        using var current = await SendAsync(member, org, new(HttpMethod.Post, "/tutorials/events_intro/skip"), overviewAfter);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    private static async Task<string> ETagAsync(HttpClient client, string org, string representation)
    {
        using var response = await client.GetAsync($"/api/orgs/{org}/onboarding{representation}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string org, Call call, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(call.Method, $"/api/orgs/{org}/onboarding{call.Path}")
        {
            Content = call.Body is null ? null : JsonRequests.Json(call.Body),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }
}
