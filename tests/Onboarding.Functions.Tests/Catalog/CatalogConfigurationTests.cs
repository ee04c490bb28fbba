using Onboarding.Domain.Catalog;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Catalog;

public sealed class CatalogConfigurationTests
{
    [Fact]
    public async Task ADeploymentCanSwitchATaskOffAndThePercentCountsOnlyActiveTasks()
    {
        await using var app = new OnboardingApplication().WithSetting("Catalog:Tasks:view_reports:IsActive", "false");
        var org = TestStorage.UniqueId();
        using var client = app.ClientFor(org);

        var checklist = await (await client.GetAsync($"/api/orgs/{org}/onboarding/checklist")).ReadJsonAsync();

        Assert.Equal(5, checklist.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain(checklist.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("id").GetString() == "view_reports");
    }

    [Fact]
    public async Task ACatalogWithAnUnknownOperatorStopsStartUpWithThePathOfTheProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, DefaultCatalog.Json.Replace("\"operator\": \">=\"", "\"operator\": \"=>\"", StringComparison.Ordinal));
        try
        {
            await using var app = new InProcessApp().WithSetting("ONBOARDING_CATALOG_PATH", path);

            var error = await Assert.ThrowsAnyAsync<Exception>(app.StartedAsync);

            var catalogError = Assert.Single(CatalogErrors(error));
            Assert.Contains("checklist.tasks[1].criteria.operator", catalogError.Message);
            Assert.Contains("'=>'", catalogError.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AnOverrideNamingAnUnknownTaskStopsStartUp()
    {
        await using var app = new InProcessApp().WithSetting("Catalog:Tasks:fly_to_the_moon:IsActive", "true");

        var error = await Assert.ThrowsAnyAsync<Exception>(app.StartedAsync);

        // Start-up may fail with the catalog error wrapped beside what stopping the half-started host threw.
        Assert.Contains(CatalogErrors(error), e => e.Message.Contains("fly_to_the_moon", StringComparison.Ordinal));
    }

    /// <summary>The catalog errors anywhere in what start-up threw.</summary>
    private static List<CatalogException> CatalogErrors(Exception error) => error switch
    {
        CatalogException catalog => [catalog],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(CatalogErrors)],
        { InnerException: { } inner } => CatalogErrors(inner),
        _ => [],
    };
}
