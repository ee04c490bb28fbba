using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Onboarding.Functions.Auth;

/// <summary>
/// The access each HTTP function declares, found from its entry point (<c>Namespace.Class.Method</c>, as
/// <c>functions.metadata</c> names it) and checked for every HTTP function of the app when it starts.
/// </summary>
public sealed class FunctionAccessPolicies
{
    private readonly ConcurrentDictionary<string, AccessLevel?> byEntryPoint = new(StringComparer.Ordinal);

    /// <summary>The declared access, or null when the entry point has none (the middleware then refuses every call).</summary>
    public AccessLevel? For(string entryPoint) => byEntryPoint.GetOrAdd(entryPoint, static e => Find(e)?.GetCustomAttribute<AccessAttribute>()?.Level);

    /// <summary>Every method of <paramref name="assembly"/> with an HTTP trigger, by function name.</summary>
    public static IEnumerable<(string Function, MethodInfo Method)> HttpFunctions(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null && method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
        select (function.Name, method);

    /// <summary>Throws naming every HTTP function of <paramref name="assembly"/> that does not declare its access.</summary>
    public static void RequireDeclarations(Assembly assembly)
    {
        var undeclared = HttpFunctions(assembly).Where(f => f.Method.GetCustomAttribute<AccessAttribute>() is null).Select(f => f.Function).Order().ToList();
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException($"HTTP functions without an [Access] declaration: {string.Join(", ", undeclared)}.");
        }
    }

    private static MethodInfo? Find(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }
        var type = typeof(FunctionAccessPolicies).Assembly.GetType(entryPoint[..dot]);
        var methods = type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m.Name == entryPoint[(dot + 1)..]).ToList();
        return methods is { Count: 1 } ? methods[0] : null;
    }
}
