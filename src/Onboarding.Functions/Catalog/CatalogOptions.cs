namespace Onboarding.Functions.Catalog;

/// <summary>Where catalog versions are kept and how long an instance trusts the current version it read (section <c>Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>The table of catalog versions, the current-version pointer and the draft.</summary>
    public string VersionsTable { get; set; } = "CatalogVersions";

    /// <summary>How old the current version an instance uses may be: a publish reaches every instance within this time.</summary>
    public int CacheSeconds { get; set; } = 10;
}
