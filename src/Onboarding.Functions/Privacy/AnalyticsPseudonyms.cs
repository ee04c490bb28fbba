using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Privacy;

namespace Onboarding.Functions.Privacy;

/// <summary>
/// The analytics pseudonyms under <c>Analytics__PseudonymKey</c> (<see cref="Current"/>), and under every earlier key
/// (<see cref="All"/>, for erasure). Without a configured key the app uses a published development key and says so
/// at start-up: fine for Azurite, never for a deployment (the infrastructure always sets one).
/// </summary>
public sealed partial class AnalyticsPseudonyms
{
    /// <summary>Public on purpose: pseudonyms made with it protect nothing.</summary>
    public const string DevelopmentKey = "onboarding-development-pseudonym-key-not-secret";

    public AnalyticsPseudonyms(IOptions<PseudonymOptions> options, ILogger<AnalyticsPseudonyms> logger)
    {
        var configured = options.Value.PseudonymKey;
        if (string.IsNullOrEmpty(configured))
        {
            LogDevelopmentKey(logger);
        }
        Current = new Pseudonyms(KeyBytes(string.IsNullOrEmpty(configured) ? DevelopmentKey : configured));
        All = [Current, .. (options.Value.PreviousPseudonymKeys ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(key => new Pseudonyms(KeyBytes(key)))];
    }

    /// <summary>What new pseudonyms are made with.</summary>
    public Pseudonyms Current { get; }

    /// <summary>The current key's pseudonyms first, then each earlier key's.</summary>
    public IReadOnlyList<Pseudonyms> All { get; }

    /// <summary>The organization's pseudonym under the current key: how analytics storage keys it.</summary>
    public string Organization(string organizationId) => Current.Organization(organizationId);

    /// <summary>Whether every configured key is long enough (checked at start-up).</summary>
    public static bool AreValid(PseudonymOptions options)
    {
        try
        {
            _ = KeyBytes(string.IsNullOrEmpty(options.PseudonymKey) ? DevelopmentKey : options.PseudonymKey);
            _ = (options.PreviousPseudonymKeys ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(KeyBytes).ToList();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A key as text, or as base64 after <c>base64:</c>; too short a key stops the app at start-up.</summary>
    public static byte[] KeyBytes(string key)
    {
        var bytes = key.StartsWith("base64:", StringComparison.Ordinal) ? Convert.FromBase64String(key["base64:".Length..]) : Encoding.UTF8.GetBytes(key);
        return bytes.Length >= Pseudonyms.MinKeyBytes
            ? bytes
            : throw new InvalidOperationException($"Analytics__PseudonymKey (and each previous key) must be at least {Pseudonyms.MinKeyBytes} bytes.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics__PseudonymKey is not set: analytics pseudonyms use the public development key. Set it in every deployment.")]
    private static partial void LogDevelopmentKey(ILogger logger);
}

/// <summary>The analytics pseudonym keys (section <c>Analytics</c>: <c>Analytics__PseudonymKey</c>, <c>Analytics__PreviousPseudonymKeys</c>).</summary>
public sealed class PseudonymOptions
{
    public const string Section = "Analytics";

    /// <summary>
    /// The deployment secret of the analytics pseudonyms (users, organizations, events): at least 32 bytes, text or <c>base64:</c>…
    /// Rotating it starts a new pseudonym space; keep the old one in <see cref="PreviousPseudonymKeys"/> so erasure still finds its rows.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Earlier pseudonym keys, separated by <c>;</c>: only erasure uses them, to find rows written under them.</summary>
    public string? PreviousPseudonymKeys { get; set; }
}

public static class PrivacySetup
{
    /// <summary>The analytics pseudonyms, their keys checked at start-up.</summary>
    public static IServiceCollection AddPseudonyms(this IServiceCollection services)
    {
        services.AddOptions<PseudonymOptions>().BindConfiguration(PseudonymOptions.Section)
            .Validate(AnalyticsPseudonyms.AreValid, "Analytics: PseudonymKey and each of PreviousPseudonymKeys must be at least 32 bytes (text, or base64 after 'base64:').")
            .ValidateOnStart();
        services.AddSingleton<AnalyticsPseudonyms>();
        return services;
    }
}
