using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Api;

public static class ApiSetup
{
    public const string OpenApiRoute = "/openapi/{documentName}.json";

    /// <summary>The API's conventions: camelCase JSON, problem details for every error, an OpenAPI document.</summary>
    public static IServiceCollection AddOnboardingApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            if (context.ProblemDetails.Status is { } status && !context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                // Problems the framework writes itself (unknown route, wrong method, body refused before binding).
                var code = status switch
                {
                    400 => "bad_request",
                    401 => "unauthenticated",
                    403 => "forbidden",
                    404 => "not_found",
                    405 => "method_not_allowed",
                    413 => "payload_too_large",
                    415 => "unsupported_media_type",
                    _ => "http_" + status,
                };
                context.ProblemDetails.Extensions["code"] = code;
                context.ProblemDetails.Type = Problems.TypePrefix + code;
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Onboarding API",
                Version = "v1",
                Description = "Setup wizard, checklist, tutorials, feature unlocks, sample data and event tracking for organizations.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT whose organization claim names the organization of the route.",
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Error handling for every request, and the OpenAPI document as an HTTP function (the host only routes functions).</summary>
    public static WebApplication UseOnboardingApi(this WebApplication app, IEndpointRouteBuilder api)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        api.MapOpenApi(OpenApiRoute).AsFunction("OpenApiDocument");
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/api/openapi/v1.json", "Onboarding API v1");
                options.RoutePrefix = "swagger";
            });
        }
        return app;
    }
}
