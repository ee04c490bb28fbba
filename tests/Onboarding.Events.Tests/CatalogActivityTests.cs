using Onboarding.Domain.Catalog;
using Onboarding.Events.Tests.Infrastructure;
using Onboarding.Events.Wire;
using DomainParser = Onboarding.Domain.Events.EventMessageParser;

namespace Onboarding.Events.Tests;

/// <summary>The generic activity events carry any catalog's types; the app reads them with that catalog.</summary>
public sealed class CatalogActivityTests
{
    [Fact]
    public void The_portal_catalogs_activity_is_read_by_the_app_on_that_catalog_and_refused_on_the_default()
    {
        var portal = CatalogJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "catalogs", "platform-portal.json")));
        var events = new OnboardingEvent[]
        {
            new CatalogActivity("org-portal", "service_created") { IsSample = true },
            new CatalogActivity("org-portal", "cloud_account_connected"),
            new CatalogActivitySnapshot("org-portal", new Dictionary<string, long> { ["services"] = 3, ["deployments"] = 0 }),
        };
        var message = "{\"version\":1,\"events\":[" + string.Join(",", events.Select(e => System.Text.Encoding.UTF8.GetString(EventWriter.ToJsonBytes(e)))) + "]}";

        var onPortal = DomainParser.Parse(message, DateTimeOffset.UtcNow, portal);
        var onDefault = DomainParser.Parse(message, DateTimeOffset.UtcNow, AppReader.Catalog);

        Assert.Empty(onPortal.Rejected);
        Assert.Equal(["service_created", "cloud_account_connected", "activity_snapshot"], onPortal.Valid.Select(e => e.Type));
        Assert.True(onPortal.Valid[0].IsSample);
        Assert.Equal([0, 1, 2], onDefault.Rejected.Select(r => r.Index));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Onboarding.sln above {AppContext.BaseDirectory}.");
    }
}
