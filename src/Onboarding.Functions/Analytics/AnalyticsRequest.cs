using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Http;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// What a range analytics route is asked: the days, the catalog version whose steps and tasks the answer is given in
/// (<c>catalogVersion</c>, default the current one), and the experiment to answer per variant of (<c>experiment</c>).
/// </summary>
public sealed record AnalyticsRequest(DayRange Range, OnboardingCatalog Catalog, string? Experiment);

/// <summary>Reads an <see cref="AnalyticsRequest"/> once for every range route: one 400 naming each bad parameter.</summary>
public sealed class AnalyticsRequests(CatalogVersions catalogs)
{
    public const string CatalogVersionDescription = "The catalog version whose wizard steps and checklist tasks the answer is given in (default: the current one).";
    public const string ExperimentDescription = "An experiment id: answer per variant of it too.";

    /// <param name="byVariant">Whether the route takes <c>experiment</c> (and <c>catalogVersion</c>); otherwise only the range is read.</param>
    public async Task<(AnalyticsRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, bool byVariant, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var range = AnalyticsQuery.Range(request, errors);
        var versions = await catalogs.GetAsync(cancellationToken);
        var catalog = byVariant ? Version(request, versions, errors) : versions.Current;
        var experiment = byVariant ? AnalyticsQuery.Experiment(request, errors) : null;
        return range is null || catalog is null || errors.Count > 0
            ? (null, Problems.Validation(errors))
            : (new AnalyticsRequest(range, catalog, experiment), null);
    }

    /// <summary>The catalog version asked for, or the current one; null with an error for a version not published.</summary>
    private static OnboardingCatalog? Version(HttpRequest request, CatalogSet versions, Dictionary<string, string[]> errors)
    {
        var asked = AnalyticsQuery.Integer(request, "catalogVersion", versions.CurrentVersion, 1, versions.Versions.Keys.Max(), errors);
        return asked is { } version && versions.Versions.TryGetValue(version, out var catalog) ? catalog : null;
    }
}
