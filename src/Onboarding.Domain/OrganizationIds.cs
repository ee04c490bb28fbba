using System.Text.RegularExpressions;

namespace Onboarding.Domain;

/// <summary>What an organization id may look like: it becomes a table PartitionKey and part of row keys.</summary>
public static partial class OrganizationIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is not null && Pattern.IsMatch(id);

    /// <summary>1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (<c>\z</c>: no trailing newline).</summary>
    public static Regex Pattern => OrganizationIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex OrganizationIdPattern();
}
