using System.Text.Json;

namespace Onboarding.Functions.Organizations;

/// <summary>Small maps kept as JSON in one table property (a task→time map, a step→times map).</summary>
internal static class EntityJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string? json, T fallback) =>
        string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<T>(json, Options) ?? fallback;
}
