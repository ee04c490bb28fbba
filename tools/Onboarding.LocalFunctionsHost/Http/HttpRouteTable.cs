using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>What a request path and method lead to.</summary>
public abstract record RouteMatch
{
    public sealed record Found(FunctionDefinition Function, RouteValueDictionary Values) : RouteMatch;
    public sealed record WrongMethod(IReadOnlyList<string> Allowed) : RouteMatch;
    public sealed record NoRoute : RouteMatch;
}

/// <summary>
/// The HTTP functions' routes, <c>{routePrefix}/{route ?? name}</c> with their <c>methods</c>
/// (all methods when absent), more specific templates first.
/// </summary>
public sealed class HttpRouteTable(IEnumerable<FunctionDefinition> functions, string routePrefix)
{
    private readonly IReadOnlyList<HttpRoute> _routes = functions
        .Where(function => function.IsHttp)
        .Select(function => HttpRoute.Create(function, routePrefix))
        .OrderBy(route => route.Precedence)
        .ToList();

    public IEnumerable<(string Function, string Template, IReadOnlyList<string>? Methods)> Describe() =>
        _routes.Select(route => (route.Function.Name, route.Template, route.Methods));

    public RouteMatch Match(PathString path, string method)
    {
        var allowed = new List<string>();
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if (!route.Matcher.TryMatch(path, values))
            {
                continue;
            }
            if (route.Methods is null || route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                return new RouteMatch.Found(route.Function, values);
            }
            allowed.AddRange(route.Methods);
        }
        return allowed.Count > 0
            ? new RouteMatch.WrongMethod(allowed.Select(name => name.ToUpperInvariant()).Distinct().ToList())
            : new RouteMatch.NoRoute();
    }

    private sealed record HttpRoute(FunctionDefinition Function, string Template, TemplateMatcher Matcher, IReadOnlyList<string>? Methods, decimal Precedence)
    {
        public static HttpRoute Create(FunctionDefinition function, string routePrefix)
        {
            var trigger = function.Trigger;
            var route = (trigger.Text("route") ?? function.Name).Trim('/');
            var template = string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}";
            var parsed = TemplateParser.Parse(template);
            var methods = trigger.List("methods");
            return new HttpRoute(function, "/" + template, new TemplateMatcher(parsed, new RouteValueDictionary()), methods is { Count: > 0 } ? methods : null, RoutePrecedence.ComputeInbound(parsed));
        }
    }
}
