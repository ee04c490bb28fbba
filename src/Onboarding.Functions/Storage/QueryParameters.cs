namespace Onboarding.Functions.Storage;

internal static class QueryParameters
{
    /// <summary>Splits a URI query into decoded name / value pairs (a literal '+' stays '+').</summary>
    public static IEnumerable<(string Name, string Value)> Parse(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
