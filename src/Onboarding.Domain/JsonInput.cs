using System.Text.Json;

namespace Onboarding.Domain;

/// <summary>Where a JSON document that parsed is still unusable, and why.</summary>
public sealed record JsonDefect(string Path, string Message);

/// <summary>
/// Finds what a JSON parser accepts but no rule should see: escapes of unpaired UTF-16 surrogates
/// (<c>"\ud800"</c>, which <see cref="JsonDocument"/> parses and throws on only when the string is
/// read) and a name repeated within one object (which later readers resolve differently, or throw on).
/// Input is checked once, whole, before any rule reads it.
/// </summary>
public static class JsonInput
{
    public const string UnpairedSurrogate = "holds an unpaired UTF-16 surrogate escape (such as \\ud800); text must be valid Unicode";
    public const string RepeatedName = "appears more than once";

    /// <summary>The first defect in <paramref name="json"/>, or null when there is none.</summary>
    public static JsonDefect? FindDefect(JsonElement json, string path = "")
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(() => json.GetString()) ? null : new JsonDefect(PathOrRoot(path), UnpairedSurrogate);
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var property in json.EnumerateObject())
                {
                    if (!HasReadableName(property))
                    {
                        return new JsonDefect($"{PathOrRoot(path)}{{property {index}}}", UnpairedSurrogate);
                    }
                    var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!names.Add(property.Name))
                    {
                        return new JsonDefect(propertyPath, RepeatedName);
                    }
                    if (FindDefect(property.Value, propertyPath) is { } found)
                    {
                        return found;
                    }
                    index++;
                }
                return null;
            case JsonValueKind.Array:
                var position = 0;
                foreach (var item in json.EnumerateArray())
                {
                    if (FindDefect(item, $"{path}[{position++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    public static bool HasReadableName(JsonProperty property) => IsReadable(() => property.Name);

    private static string PathOrRoot(string path) => path.Length == 0 ? "$" : path;

    private static bool IsReadable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
