using Onboarding.Events.Wire;

namespace Onboarding.Events;

/// <summary>
/// Product activity of any catalog's type (<c>service_created</c>, <c>cloud_account_connected</c> …), for
/// products whose catalog is not the default one. The receiver checks the type against its catalog; set
/// <see cref="SampleableActivityEvent.IsSample"/> only on types the catalog declares sampleable.
/// </summary>
public sealed record CatalogActivity(string OrganizationId, string ActivityType) : SampleableActivityEvent(OrganizationId)
{
    public override string Type => ActivityType;
}

/// <summary>Absolute counts of any catalog's counters (its <c>activity.snapshotKeys</c>), an <c>activity_snapshot</c>.</summary>
public sealed record CatalogActivitySnapshot(string OrganizationId, IReadOnlyDictionary<string, long> Counts) : OnboardingEvent(OrganizationId)
{
    public override string Type => EventTypes.ActivitySnapshot;

    internal override void Describe(EventFields fields) => fields.SetCounts(Counts);
}
