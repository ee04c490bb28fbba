using Onboarding.Domain.Privacy;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>The analytics pseudonym key every app under test runs with (<see cref="TestSettings"/>), so tests can compute the keys it stores.</summary>
public static class TestPseudonyms
{
    public const string Key = "tests-analytics-pseudonym-key-of-32-bytes-or-more";

    public static Pseudonyms Instance { get; } = new(System.Text.Encoding.UTF8.GetBytes(Key));

    public static string Organization(string organizationId) => Instance.Organization(organizationId);

    public static string User(string userId) => Instance.User(userId);
}
