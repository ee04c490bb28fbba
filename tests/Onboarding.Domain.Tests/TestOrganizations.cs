using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;

namespace Onboarding.Domain.Tests;

/// <summary>Organizations with the activity a test needs, built through the real counters.</summary>
internal static class TestOrganizations
{
    public const string Id = "org-test";

    public static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    public static OrganizationOnboarding New() => OrganizationOnboarding.New(Id);

    /// <summary>A new organization that has recorded <paramref name="times"/> events of <paramref name="type"/>.</summary>
    public static OrganizationOnboarding With(string type, int times) => New().With(type, times);

    public static OrganizationOnboarding With(this OrganizationOnboarding onboarding, string type, int times, bool isSample = false) =>
        onboarding.Record(Enumerable.Range(0, times).Select(_ => Event(type, isSample)), DefaultCatalog.Catalog.Activity);

    public static OnboardingEvent Event(string type, bool isSample = false) =>
        new(Guid.NewGuid().ToString("N"), Id, type, Now.AddHours(-1), IsSample: isSample);
}

/// <summary>Small catalogs around the tasks and features a test is about.</summary>
internal static class TestCatalogs
{
    public static ChecklistTaskDefinition Task(string id, Criterion criteria, int order = 1, bool sticky = true, bool isActive = true) =>
        new(id, $"checklist.{id}.title", $"checklist.{id}.description", "icon", $"/{id}", order, isActive, sticky, criteria);

    public static FeatureDefinition Feature(string id, MilestoneKind kind, string name, long threshold) =>
        new(id, $"features.{id}.title", $"features.{id}.description", new FeatureMilestone(kind, name, threshold));

    public static OnboardingCatalog WithTasks(params ChecklistTaskDefinition[] tasks) =>
        DefaultCatalog.Catalog with { ChecklistTasks = tasks, Features = [] };

    public static OnboardingCatalog WithFeatures(params FeatureDefinition[] features) =>
        DefaultCatalog.Catalog with { ChecklistTasks = [], Features = features };
}
