namespace Onboarding.Domain.Catalog;

/// <summary>The catalog data is invalid; the message names the path (<c>checklist.tasks[2].criteria.operator</c>) and the problem.</summary>
public sealed class CatalogException(string message) : Exception(message);
