using Onboarding.Domain;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// What the onboarding functions need, as one constructor dependency. An organization's catalog version comes with what
/// <see cref="OrganizationUpdates"/> read or changed (<see cref="OrganizationUpdates.CatalogOf"/>, <see cref="UpdateOutcome.Catalog"/>).
/// </summary>
public sealed record OnboardingServices(OrganizationUpdates Updates, ITimeZoneDirectory TimeZones, TimeProvider Clock);
