using System.Net.Http.Headers;
using System.Text;
using Onboarding.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Functions.Tests.Fuzz;

/// <summary>
/// About 1,900 seeded hostile requests against every route of the API table. Whatever comes in, the app
/// answers below 500, every 4xx is a problem document, a refused request writes nothing, and another
/// organization's rows stay exactly as they were.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 4;

    // Ingestion is off: events the tracking endpoint accepts stay queued, so only the HTTP functions change rows.
    private readonly OnboardingApplication app = new OnboardingApplication()
        .WithSetting("Tracking:RequestsPerMinute", "100000")
        .WithSetting("AzureWebJobs.IngestOnboardingEvents.Disabled", "true");

    public Task InitializeAsync() => app.StartedAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task HostileRequestsToEveryRouteAreRefusedWithProblemsAndChangeNoStoredRow() =>
        await FuzzSeed.RunAsync(output, nameof(HostileRequestsToEveryRouteAreRefusedWithProblemsAndChangeNoStoredRow), async seed =>
        {
            var control = TestStorage.UniqueId("control");
            await SetUpAsync(control, everything: true);
            var controlBefore = await StoredRows.FingerprintAsync(control);
            var targets = Enumerable.Range(0, Workers).Select(i => TestStorage.UniqueId($"target{i}")).ToList();
            foreach (var target in targets)
            {
                await SetUpAsync(target, everything: false);
            }

            var figures = new FuzzFigures();
            var cases = new HttpFuzzCases(seed).Generate();
            await Task.WhenAll(targets.Select((target, worker) => Task.Run(() => RunAsync(target, cases.Where(c => c.Index % Workers == worker).ToList(), figures))));

            var controlAfter = await StoredRows.FingerprintAsync(control);
            if (!controlBefore.SequenceEqual(controlAfter))
            {
                figures.Fail("control organization", $"rows changed: before [{string.Join(", ", controlBefore)}], after [{string.Join(", ", controlAfter)}]");
            }
            figures.Print(output, seed);
            Assert.True(figures.Failures.IsEmpty, figures.Summary(seed));
        });

    private async Task RunAsync(string target, IReadOnlyList<FuzzRequest> cases, FuzzFigures figures)
    {
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        var rows = await StoredRows.FingerprintAsync(target);
        foreach (var request in cases)
        {
            var (status, mediaType, body) = await SendAsync(client, target, request, figures);
            if (status is null)
            {
                continue;
            }
            var after = await StoredRows.FingerprintAsync(target);
            figures.Count(request, status.Value);
            var seen = $"{request.Describe()} → {status} {mediaType ?? "(no Content-Type)"} {Excerpt(body)}";
            if (status >= 500)
            {
                figures.Fail("5xx", seen, request.Group);
            }
            else if (status >= 400 && ProblemDocuments.Defect(status.Value, mediaType, body) is { } defect)
            {
                figures.NonProblem4xx();
                figures.Fail("4xx without a problem document", $"{seen} ({defect})", $"{status} {request.Group}");
            }
            if (status >= 400 && !rows.SequenceEqual(after))
            {
                figures.Fail("a refused request changed stored rows", $"{seen}; rows before [{string.Join(", ", rows)}], after [{string.Join(", ", after)}]");
            }
            if (status < 500 && request.Refusals is { } refusals && !refusals.Contains(status.Value))
            {
                figures.Fail(status < 400 ? "hostile request accepted" : "refused for the wrong reason", $"{seen} (expected one of {string.Join(", ", refusals)})", request.Group);
            }
            rows = after;
        }
    }

    private static async Task<(int? Status, string? MediaType, string Body)> SendAsync(HttpClient client, string target, FuzzRequest request, FuzzFigures figures)
    {
        Uri uri;
        try
        {
            uri = new Uri(client.BaseAddress + "api" + request.Path.Replace(HttpFuzzCases.Target, target, StringComparison.Ordinal), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        }
        catch (UriFormatException)
        {
            figures.NotSendable();
            return (null, null, "");
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(request.TokenOrganization ?? target));
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        try
        {
            using var response = await client.SendAsync(message);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            // The server closing the connection instead of answering is a refusal without a problem document.
            figures.Count(request, 0);
            figures.Fail("no answer", $"{request.Describe()} → {e.GetType().Name}: {e.Message}");
            return (null, null, "");
        }
    }

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] + "…" : body;

    private async Task SetUpAsync(string org, bool everything)
    {
        using var admin = app.ClientFor(org);
        var steps = everything ? 3 : 1;
        for (var step = 1; step <= steps; step++)
        {
            (await admin.PutAsync($"/api/orgs/{org}/onboarding/wizard/steps/{step}", JsonRequests.Json(Wizard.WizardApiTests.Steps[step - 1]))).EnsureSuccessStatusCode();
        }
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/start", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orgs/{org}/onboarding/sample-data", null)).EnsureSuccessStatusCode();
        if (everything)
        {
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/events_intro/progress", JsonRequests.Json("""{"stepsCompleted":2}"""))).EnsureSuccessStatusCode();
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/teams_setup/start", null)).EnsureSuccessStatusCode();
            (await admin.PostAsync($"/api/orgs/{org}/onboarding/tutorials/teams_setup/complete", null)).EnsureSuccessStatusCode();
            (await admin.PutAsync($"/api/orgs/{org}/onboarding/features", JsonRequests.Json("""{"showAll":true}"""))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Tokens are signed once per organization id.</summary>
    private static class Tokens
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Signed = new();

        public static string For(string organizationId) => Signed.GetOrAdd(organizationId, id => TestTokens.For(id));
    }
}

/// <summary>What a fuzz run sent and saw, safe to update from several workers.</summary>
public sealed class FuzzFigures
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, int> statuses = [];
    private int requests, serverErrors, nonProblem4xx, notSendable;

    public System.Collections.Concurrent.ConcurrentQueue<(string Kind, string Detail, string Group)> Failures { get; } = new();

    public void Count(FuzzRequest request, int status)
    {
        lock (gate)
        {
            requests++;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                serverErrors++;
            }
        }
    }

    public void NonProblem4xx() => Interlocked.Increment(ref nonProblem4xx);

    public void NotSendable() => Interlocked.Increment(ref notSendable);

    public void Fail(string kind, string detail, string group = "") => Failures.Enqueue((kind, detail, group));

    public void Print(ITestOutputHelper output, int seed)
    {
        TestFigures.Report(output, "HTTP fuzz", $"seed {seed}: {requests} requests sent ({notSendable} not expressible as a URI), {serverErrors} 5xx, {nonProblem4xx} non-problem 4xx");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)}×{s.Value}")));
        foreach (var group in Failures.GroupBy(f => f.Kind))
        {
            output.WriteLine($"{group.Key}: {group.Count()}");
            foreach (var kind in group.GroupBy(f => f.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {kind.Count(),4} × {kind.Key}, e.g. {kind.First().Detail}");
            }
        }
    }

    public string Summary(int seed)
    {
        var text = new StringBuilder($"seed {seed}: {Failures.Count} failures; ");
        text.AppendJoin("; ", Failures.GroupBy(f => f.Kind).Select(g => $"{g.Key} ×{g.Count()}, e.g. {g.First().Detail}"));
        return text.ToString();
    }
}
