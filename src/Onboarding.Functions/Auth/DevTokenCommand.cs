using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Onboarding.Functions.Auth;

/// <summary>
/// <c>Onboarding.Functions mint-dev-token --org &lt;id&gt; [--role org_admin] [--sub user] [--minutes 60]</c>:
/// prints a token signed with the local development key. Refuses to run without <c>Auth__SigningKey</c>,
/// so it can never mint tokens an authority-backed deployment would accept.
/// </summary>
public static class DevTokenCommand
{
    public const string Name = "mint-dev-token";

    public static bool TryRun(string[] args, IConfiguration configuration)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }
        Environment.ExitCode = Run(args[1..], configuration, Console.Out, Console.Error);
        return true;
    }

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            errors.WriteLine("No local signing key is configured (Auth__SigningKey); development tokens cannot be minted.");
            errors.WriteLine("scripts/run.sh configures one; use scripts/dev-token.sh while it runs.");
            return 2;
        }
        if (string.IsNullOrEmpty(options.Issuer))
        {
            errors.WriteLine("Auth__Issuer must be set to mint development tokens.");
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
                case "--org" when value is not null: organization = value; i++; break;
                case "--role" when value is not null: roles.Add(value); i++; break;
                case "--sub" when value is not null: subject = value; i++; break;
                case "--minutes" when int.TryParse(value, out var parsed) && parsed > 0: minutes = parsed; i++; break;
                default:
                    errors.WriteLine($"Unknown or incomplete option '{args[i]}'. Usage: {Name} --org <id> [--role org_admin|org_member|platform_analyst]... [--sub <user>] [--minutes <n>]");
                    return 2;
            }
        }
        if (organization is null && !roles.Contains(OnboardingRoles.PlatformAnalyst))
        {
            errors.WriteLine("--org is required (except for a platform_analyst token).");
            return 2;
        }
        if (roles.Count == 0)
        {
            roles.Add(OnboardingRoles.OrgAdmin);
        }

        var claims = new Dictionary<string, object> { ["sub"] = subject ?? "dev-user", [options.RoleClaim] = roles.ToArray() };
        if (organization is not null)
        {
            claims[options.OrganizationClaim] = organization;
        }
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(minutes),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
        output.WriteLine(token);
        return 0;
    }
}
