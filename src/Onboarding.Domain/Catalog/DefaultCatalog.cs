namespace Onboarding.Domain.Catalog;

/// <summary>The catalog shipped with the app (the embedded <c>default-catalog.json</c>).</summary>
public static class DefaultCatalog
{
    private static readonly Lazy<string> JsonText = new(() =>
    {
        using var stream = typeof(DefaultCatalog).Assembly.GetManifestResourceStream("Onboarding.Domain.Catalog.default-catalog.json")
            ?? throw new InvalidOperationException("default-catalog.json is not embedded in Onboarding.Domain.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<OnboardingCatalog> Parsed = new(() => CatalogJson.Parse(JsonText.Value));

    public static string Json => JsonText.Value;

    public static OnboardingCatalog Catalog => Parsed.Value;
}
