using Onboarding.Domain;
using Onboarding.Domain.Catalog;
using Onboarding.Functions.Organizations;

namespace Onboarding.Functions.Api;

/// <summary>What the onboarding handlers need, as one <c>[AsParameters]</c> argument.</summary>
public sealed record OnboardingServices(OrganizationUpdates Updates, OnboardingCatalog Catalog, ITimeZoneDirectory TimeZones, TimeProvider Clock);
