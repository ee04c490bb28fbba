using System.Text.Json;

namespace Onboarding.Functions.Catalog;

/// <summary>One published version without its catalog: its number, when it was published, and whether it came from the catalog file (<c>file</c>) or the API (<c>api</c>).</summary>
public sealed record CatalogVersionSummaryView(int Version, DateTimeOffset PublishedAt, string Source);

/// <summary>The published versions, oldest first, and the one in force.</summary>
public sealed record CatalogVersionsView(int CurrentVersion, IReadOnlyList<CatalogVersionSummaryView> Versions);

/// <summary>One published version and its catalog, as published (comments left out).</summary>
public sealed record CatalogVersionView(int Version, DateTimeOffset PublishedAt, string Source, bool IsCurrent, JsonElement Catalog);

/// <summary>The draft the next version will be published from.</summary>
public sealed record CatalogDraftView(DateTimeOffset UpdatedAt, JsonElement Catalog);

/// <summary>A draft that passed every check, and what it declares.</summary>
public sealed record CatalogValidationView(bool Valid, int WizardSteps, int ChecklistTasks, IReadOnlyList<string> Counters, IReadOnlyList<string> ActivityTypes);
