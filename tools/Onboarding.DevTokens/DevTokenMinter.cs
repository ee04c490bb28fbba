using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Onboarding.DevTokens;

/// <summary>
/// <c>Onboarding.DevTokens --org &lt;id&gt; [--role org_admin|org_member|platform_analyst]... [--sub user] [--minutes 60]</c>:
/// prints a token signed with the local development key. Refuses without that key, so it can never mint
/// tokens a deployment that trusts an OpenID Connect authority would accept.
/// </summary>
public static class DevTokenMinter
{
    /// <summary>The roles the app knows (Onboarding.Functions.Auth.OnboardingRoles; a test keeps the two equal).</summary>
    public static readonly IReadOnlyList<string> Roles = ["org_admin", "org_member", "platform_analyst"];

    public const string Usage = """
        Mints a development token for the app that scripts/run.sh runs (signed with its local key).

        Usage: scripts/dev-token.sh --org <orgId> [--role <role>]... [--sub <user>] [--minutes <n>]

          --org <orgId>     the organization the token is for (optional for platform_analyst)
          --role <role>     org_admin (default), org_member or platform_analyst; repeat for several
          --sub <user>      the subject (default dev-user)
          --minutes <n>     lifetime in minutes (default 60)
          --help            this text

        Reads Auth__SigningKey, Auth__Issuer, Auth__Audience, Auth__OrganizationClaim and Auth__RoleClaim
        from the environment; refuses to run without a local signing key.
        """;

    public static int Run(string[] args, Func<string, string?> environment, TextWriter output, TextWriter errors)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Usage);
            return 0;
        }
        var (settings, problem) = DevTokenSettings.Read(environment);
        if (settings is null)
        {
            errors.WriteLine(problem);
            return 2;
        }

        string? organization = null, subject = null;
        var roles = new List<string>();
        var minutes = 60;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--org" when value is { Length: > 0 }: organization = value; i++; break;
                case "--role" when value is not null && Roles.Contains(value): roles.Add(value); i++; break;
                case "--role" when value is not null:
                    errors.WriteLine($"Unknown role '{value}'; the roles are {string.Join(", ", Roles)}.");
                    return 2;
                case "--sub" when value is { Length: > 0 }: subject = value; i++; break;
                case "--minutes" when int.TryParse(value, out var parsed) && parsed > 0: minutes = parsed; i++; break;
                default:
                    errors.WriteLine($"Unknown or incomplete option '{args[i]}'. Run with --help for the usage.");
                    return 2;
            }
        }
        if (roles.Count == 0)
        {
            roles.Add("org_admin");
        }
        if (organization is null && !roles.Contains("platform_analyst"))
        {
            errors.WriteLine("--org is required (except for a platform_analyst token).");
            return 2;
        }
        output.WriteLine(Mint(settings, organization, roles, subject ?? "dev-user", TimeSpan.FromMinutes(minutes), TimeProvider.System.GetUtcNow()));
        return 0;
    }

    public static string Mint(DevTokenSettings settings, string? organization, IReadOnlyList<string> roles, string subject, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, [settings.RoleClaim] = roles.ToArray() };
        if (organization is not null)
        {
            claims[settings.OrganizationClaim] = organization;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
