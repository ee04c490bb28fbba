using System.Collections.Immutable;
using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Functions.Catalog;

namespace Onboarding.Functions.Tests.Catalog;

/// <summary>What queued events are read with while organizations are pinned to different versions.</summary>
public sealed class CatalogSetTests
{
    [Fact]
    public void EventsAreReadWithEveryVersionsActivityAndTheLongestWizard()
    {
        var five = DefaultCatalog.Catalog;
        var shorter = ShippedCatalogs.Portal;
        var set = new CatalogSet(2, ImmutableSortedDictionary.CreateRange(new Dictionary<int, OnboardingCatalog> { [1] = five, [2] = shorter }));

        var step5 = EventContract.ParseEvent(Event("wizard_step_completed", """, "wizardStepReached": 5"""), DateTimeOffset.UtcNow, set.ForIngestion);
        var team = EventContract.ParseEvent(Event("team_created", ""), DateTimeOffset.UtcNow, set.ForIngestion);
        var service = EventContract.ParseEvent(Event("service_created", ""), DateTimeOffset.UtcNow, set.ForIngestion);
        var onlyCurrent = EventContract.ParseEvent(Event("team_created", ""), DateTimeOffset.UtcNow, set.Current);

        Assert.Equal(5, set.ForIngestion.WizardStepCount);
        Assert.True(step5.IsValid, string.Join("; ", step5.Problems));
        Assert.True(team.IsValid, string.Join("; ", team.Problems));
        Assert.True(service.IsValid, string.Join("; ", service.Problems));
        Assert.False(onlyCurrent.IsValid);
    }

    private static JsonElement Event(string type, string more) => JsonDocument.Parse($$"""
        { "id": "e-{{type}}", "type": "{{type}}", "organizationId": "org-set", "timestamp": "{{DateTimeOffset.UtcNow:O}}"{{more}} }
        """).RootElement;
}
