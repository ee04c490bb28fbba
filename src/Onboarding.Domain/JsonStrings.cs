using System.Text.Json;

namespace Onboarding.Domain;

/// <summary>
/// Finds strings a JSON parser accepts but .NET cannot read: escapes of unpaired UTF-16 surrogates
/// (<c>"\ud800"</c>). <see cref="JsonDocument"/> parses them and throws only when the string is read,
/// so input is checked once, whole, before any rule reads it.
/// </summary>
public static class JsonStrings
{
    /// <summary>The path of the first unreadable property name or string value in <paramref name="json"/>, or null when all are readable.</summary>
    public static string? FindUnreadable(JsonElement json, string path = "")
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(() => json.GetString()) ? null : PathOrRoot(path);
            case JsonValueKind.Object:
                var index = 0;
                foreach (var property in json.EnumerateObject())
                {
                    if (!HasReadableName(property))
                    {
                        return $"{PathOrRoot(path)}{{property {index}}}";
                    }
                    if (FindUnreadable(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } found)
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
                    if (FindUnreadable(item, $"{path}[{position++}]") is { } found)
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
