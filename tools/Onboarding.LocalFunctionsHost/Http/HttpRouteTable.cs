using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.LocalFunctionsHost.Metadata;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>What a request path and method lead to.</summary>
public abstract record RouteMatch
{
    public sealed record Found(FunctionDefinition Function, RouteValueDictionary Values) : RouteMatch;
    public sealed record NoRoute : RouteMatch;
}

/// <summary>
/// The HTTP functions' routes, <c>{routePrefix}/{route ?? name}</c> with their <c>methods</c>
/// (all methods when absent), more specific templates first. As in the Functions host (E <c>WebJobsRouteBuilder</c>:
/// ASP.NET Core <c>Route</c>s with the methods as a constraint and inline constraints resolved by
/// <c>DefaultInlineConstraintResolver</c>), a method or a constraint that does not match means no route: 404.
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
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if (route.Matcher.TryMatch(path, values)
                && (route.Methods is null || route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
                && route.Constraints.All(constraint => constraint.Accepts(values)))
            {
                return new RouteMatch.Found(route.Function, values);
            }
        }
        return new RouteMatch.NoRoute();
    }

    private static readonly IInlineConstraintResolver ConstraintResolver =
        new DefaultInlineConstraintResolver(Options.Create(new RouteOptions()), new ServiceCollection().BuildServiceProvider());

    /// <summary>An inline constraint (<c>{id:int}</c>); an optional parameter without a value passes, as ASP.NET Core's <c>OptionalRouteConstraint</c> lets it.</summary>
    private sealed record ParameterConstraint(string Parameter, IRouteConstraint Constraint)
    {
        public bool Accepts(RouteValueDictionary values) =>
            !values.TryGetValue(Parameter, out var value) || value is null
            || Constraint.Match(httpContext: null, route: null, Parameter, values, RouteDirection.IncomingRequest);
    }

    private sealed record HttpRoute(FunctionDefinition Function, string Template, TemplateMatcher Matcher, IReadOnlyList<string>? Methods, decimal Precedence,
        IReadOnlyList<ParameterConstraint> Constraints)
    {
        public static HttpRoute Create(FunctionDefinition function, string routePrefix)
        {
            var trigger = function.Trigger;
            var route = (trigger.Text("route") ?? function.Name).Trim('/');
            var template = string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}";
            var parsed = TemplateParser.Parse(template);
            var methods = trigger.List("methods");
            var constraints = parsed.Parameters
                .SelectMany(parameter => parameter.InlineConstraints.Select(inline => (parameter.Name!, Constraint: ConstraintResolver.ResolveConstraint(inline.Constraint))))
                .Where(pair => pair.Constraint is not null)
                .Select(pair => new ParameterConstraint(pair.Item1, pair.Constraint!))
                .ToList();
            return new HttpRoute(function, "/" + template, new TemplateMatcher(parsed, new RouteValueDictionary()), methods is { Count: > 0 } ? methods : null,
                RoutePrecedence.ComputeInbound(parsed), constraints);
        }
    }
}
