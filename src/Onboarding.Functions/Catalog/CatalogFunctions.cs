using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Http;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Catalog;

/// <summary>
/// Catalog versions, managed by platform admins: put a draft, validate it, publish it as the next version (immutable from
/// then on), list the versions, read one. A publish reaches every instance within <see cref="CatalogOptions.CacheSeconds"/>.
/// </summary>
public sealed class CatalogFunctions(CatalogVersionStore store, CatalogVersions versions, CatalogDraftValidator validator, TimeProvider clock)
{
    private const string Route = "catalog";

    /// <summary>A draft's body: the catalog as JSON, within what one table property holds.</summary>
    private const int MaxDraftBytes = 64 * 1024;

    [Function("ListCatalogVersions"), Access(AccessLevel.PlatformAdmin)]
    public async Task<Ok<CatalogVersionsView>> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/versions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var current = await versions.GetAsync(cancellationToken);
        var all = await store.VersionsAsync(0, cancellationToken);
        return TypedResults.Ok(new CatalogVersionsView(current.CurrentVersion, [.. all.Select(v => new CatalogVersionSummaryView(v.Version, v.PublishedAt, v.Source))]));
    }

    [Function("GetCatalogVersion"), Access(AccessLevel.PlatformAdmin), ProblemResponse(404, "catalog_version_not_found")]
    public async Task<Results<Ok<CatalogVersionView>, ProblemHttpResult>> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/versions/{version}")] HttpRequest request, string version, CancellationToken cancellationToken)
    {
        var current = await versions.GetAsync(cancellationToken);
        if (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || await store.VersionAsync(number, cancellationToken) is not { } stored)
        {
            return Problems.NotFound("catalog_version_not_found", $"No catalog version '{version}'; the versions are 1 to {current.Versions.Keys.Max()}.");
        }
        return TypedResults.Ok(new CatalogVersionView(stored.Version, stored.PublishedAt, stored.Source, stored.Version == current.CurrentVersion, Json(stored.Json)));
    }

    [Function("GetCatalogDraft"), Access(AccessLevel.PlatformAdmin), ProblemResponse(404, "catalog_draft_not_found")]
    public async Task<Results<Ok<CatalogDraftView>, ProblemHttpResult>> GetDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/draft")] HttpRequest request, CancellationToken cancellationToken)
    {
        await versions.GetAsync(cancellationToken);
        return await store.DraftAsync(cancellationToken) is { } draft ? TypedResults.Ok(new CatalogDraftView(draft.UpdatedAt, Json(draft.Json))) : NoDraft();
    }

    /// <summary>Stores the body as the draft, whatever it holds: validate and publish check it.</summary>
    [Function("PutCatalogDraft"), Access(AccessLevel.PlatformAdmin), AcceptsJson(typeof(object))]
    public async Task<Results<Ok<CatalogDraftView>, ProblemHttpResult>> PutDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/draft")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, MaxDraftBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var json = body.GetRawText();
        if (body.ValueKind != JsonValueKind.Object || json.Length > CatalogVersionStore.MaxJsonCharacters)
        {
            return Problems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["catalog"] = [$"A catalog is a JSON object of at most {CatalogVersionStore.MaxJsonCharacters} characters."],
            });
        }
        // The first read of the versions seeds them and creates their table.
        await versions.GetAsync(cancellationToken);
        var draft = await store.PutDraftAsync(json, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new CatalogDraftView(draft.UpdatedAt, body));
    }

    /// <summary>Checks the draft: 200 with what it declares, or a 400 problem listing every error at its JSON path.</summary>
    [Function("ValidateCatalogDraft"), Access(AccessLevel.PlatformAdmin), ProblemResponse(400, "validation_failed"), ProblemResponse(404, "catalog_draft_not_found")]
    public async Task<Results<Ok<CatalogValidationView>, ProblemHttpResult>> Validate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/draft/validate")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, catalog, problem) = await ValidatedDraftAsync(cancellationToken);
        return catalog is null ? problem! : TypedResults.Ok(Declared(catalog));
    }

    /// <summary>Publishes the draft as the next version and makes it current; a draft with errors is a 400 like validate's.</summary>
    [Function("PublishCatalogDraft"), Access(AccessLevel.PlatformAdmin), LocationHeader]
    [ProblemResponse(400, "validation_failed"), ProblemResponse(404, "catalog_draft_not_found"), ProblemResponse(409, "concurrent_update")]
    public async Task<Results<Created<CatalogVersionView>, ProblemHttpResult>> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/draft/publish")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (draft, catalog, problem) = await ValidatedDraftAsync(cancellationToken);
        if (catalog is null)
        {
            return problem!;
        }
        var current = await store.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("No current catalog version.");
        var now = clock.GetUtcNow();
        if (!await store.PublishAsync(current.Version + 1, draft!.Json, current.ETag, now, cancellationToken))
        {
            return Problems.Conflict("concurrent_update", "Another version was published meanwhile; read the versions and publish again.");
        }
        versions.Forget();
        var version = current.Version + 1;
        return TypedResults.Created($"/api/{Route}/versions/{version}", new CatalogVersionView(version, now, "api", true, Json(draft.Json)));
    }

    /// <summary>The draft and the catalog it makes; a 404 without a draft, a 400 listing its errors when it has any.</summary>
    private async Task<(CatalogDraft? Draft, OnboardingCatalog? Catalog, ProblemHttpResult? Problem)> ValidatedDraftAsync(CancellationToken cancellationToken)
    {
        // The first read of the versions seeds them and creates their table.
        await versions.GetAsync(cancellationToken);
        if (await store.DraftAsync(cancellationToken) is not { } draft)
        {
            return (null, null, NoDraft());
        }
        var (catalog, errors) = validator.Validate(draft.Json);
        return catalog is null ? (draft, null, Invalid(errors)) : (draft, catalog, null);
    }

    private static CatalogValidationView Declared(OnboardingCatalog catalog) =>
        new(true, catalog.WizardStepCount, catalog.ChecklistTasks.Count, [.. catalog.Activity.CounterNames], [.. catalog.Activity.Types]);

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        Problems.Validation(errors, $"The draft catalog has {errors.Values.Sum(e => e.Length)} error(s); each is listed at its JSON path.");

    private static ProblemHttpResult NoDraft() => Problems.NotFound("catalog_draft_not_found", "There is no draft; put one first.");

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.Clone();
    }
}
