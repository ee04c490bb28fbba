namespace Onboarding.Functions.Storage;

/// <summary>Validation and URL form of PartitionKey / RowKey values.</summary>
public static class TableKeys
{
    /// <summary>Azure allows 1 KiB per key (512 UTF-16 characters); Azurite enforces the same 512.</summary>
    public const int MaxLength = 512;

    /// <summary>Whether <paramref name="value"/> can be stored as a PartitionKey or RowKey.</summary>
    public static bool IsValid(string? value, out string? problem)
    {
        problem = value switch
        {
            null => "must not be null",
            { Length: > MaxLength } => $"must be at most {MaxLength} characters",
            _ when value.AsSpan().IndexOfAny(ForbiddenCharacters) >= 0 => "must not contain '/', '\\', '#', '?'",
            _ when value.Any(char.IsControl) => "must not contain control characters",
            _ => null,
        };
        return problem is null;
    }

    /// <exception cref="ArgumentException">The key cannot be stored.</exception>
    public static void Validate(string? value, string keyName)
    {
        if (!IsValid(value, out var problem))
        {
            throw new ArgumentException($"{keyName} {problem}.", keyName);
        }
    }

    /// <summary>The <c>(PartitionKey='…',RowKey='…')</c> path segment, quotes doubled and percent-encoded.</summary>
    internal static string EntityPath(string partitionKey, string rowKey)
    {
        Validate(partitionKey, "PartitionKey");
        Validate(rowKey, "RowKey");
        return $"(PartitionKey='{Encode(partitionKey)}',RowKey='{Encode(rowKey)}')";
    }

    private static string Encode(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static readonly char[] ForbiddenCharacters = ['/', '\\', '#', '?'];
}
