using Azure;

namespace Onboarding.Functions.Storage;

/// <summary>
/// One table row: its keys, the server's timestamp and ETag, and typed custom properties
/// (string, bool, int, long, double, DateTimeOffset, Guid, byte[]).
/// </summary>
public sealed class TableEntity : Dictionary<string, object>
{
    public TableEntity() : base(StringComparer.Ordinal)
    {
    }

    public TableEntity(string partitionKey, string rowKey) : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    /// <summary>Set by the service on every write; ignored when sending.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The version read from the service; echo it back for a conditional update or delete.</summary>
    public ETag ETag { get; set; }

    public string? GetString(string key) => TryGetValue(key, out var v) ? v as string ?? v.ToString() : null;

    public bool? GetBoolean(string key) => TryGetValue(key, out var v) && v is bool b ? b : null;

    public int? GetInt32(string key) => TryGetValue(key, out var v) ? v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    } : null;

    public long? GetInt64(string key) => TryGetValue(key, out var v) ? v switch
    {
        long l => l,
        int i => i,
        _ => null,
    } : null;

    public double? GetDouble(string key) => TryGetValue(key, out var v) ? v switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    } : null;

    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var v) ? v switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => null,
    } : null;

    public Guid? GetGuid(string key) => TryGetValue(key, out var v) && v is Guid g ? g : null;

    public byte[]? GetBinary(string key) => TryGetValue(key, out var v) ? v switch
    {
        byte[] bytes => bytes,
        BinaryData data => data.ToArray(),
        _ => null,
    } : null;
}
