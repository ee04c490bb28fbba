namespace Onboarding.Domain.Catalog;

public static class CatalogOverrides
{
    /// <summary>The catalog with tasks switched on or off per deployment.</summary>
    /// <exception cref="CatalogException">An override names a task the catalog does not have.</exception>
    public static OnboardingCatalog WithTaskActivity(this OnboardingCatalog catalog, IReadOnlyDictionary<string, bool> isActiveByTask)
    {
        var unknown = isActiveByTask.Keys.FirstOrDefault(id => catalog.ChecklistTask(id) is null);
        if (unknown is not null)
        {
            throw new CatalogException($"Catalog override names checklist task '{unknown}', which the catalog does not have.");
        }
        return catalog with
        {
            ChecklistTasks = [.. catalog.ChecklistTasks.Select(t => isActiveByTask.TryGetValue(t.Id, out var active) ? t with { IsActive = active } : t)],
        };
    }
}
