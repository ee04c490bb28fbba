using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Api;

/// <summary>What the onboarding functions need, as one constructor dependency.</summary>
public sealed record OnboardingServices(OrganizationUpdates Updates, OnboardingCatalog Catalog, ITimeZoneDirectory TimeZones, TimeProvider Clock);
