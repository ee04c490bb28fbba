using Onboarding.Domain;
using Onboarding.Domain.Catalog;

namespace Onboarding.Functions.Organizations;

/// <summary>What the onboarding functions need, as one constructor dependency.</summary>
public sealed record OnboardingServices(OrganizationUpdates Updates, OnboardingCatalog Catalog, ITimeZoneDirectory TimeZones, TimeProvider Clock);
