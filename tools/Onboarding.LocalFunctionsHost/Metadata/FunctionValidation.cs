using System.Text.RegularExpressions;

namespace Onboarding.LocalFunctionsHost.Metadata;

/// <summary>The checks the Functions host applies to indexed functions; a function that fails is dropped, the rest load.</summary>
public static partial class FunctionValidation
{
    public static string? FindProblem(FunctionDefinition function)
    {
        if (!FunctionName().IsMatch(function.Name) || string.Equals(function.Name, "host", StringComparison.OrdinalIgnoreCase))
        {
            return "the function name is not valid";
        }
        foreach (var binding in function.Bindings)
        {
            if (binding.Name == "$return" ? binding.Direction != BindingDirection.Out : !BindingName().IsMatch(binding.Name))
            {
                return $"the binding name '{binding.Name}' is not valid";
            }
        }
        if (function.Bindings.GroupBy(binding => binding.Name, StringComparer.OrdinalIgnoreCase).Any(group => group.Count() > 1))
        {
            return "two bindings have the same name";
        }
        if (!function.Bindings.Any(binding => binding.IsTrigger && binding.Direction == BindingDirection.In))
        {
            return "it has no trigger binding";
        }
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_\\-]{0,127}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex BindingName();
}
