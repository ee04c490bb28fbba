using Microsoft.AspNetCore.Builder;

namespace Onboarding.Functions.Hosting;

/// <summary>A queue or timer function: its declaration and the class that runs it.</summary>
public sealed record FunctionRegistration(FunctionDefinition Definition, Type HandlerType);

/// <summary>Names an HTTP endpoint as a function of the app (the host routes only declared functions).</summary>
public sealed record HttpFunctionMetadata(string Name, FunctionAuthLevel AuthLevel);

public static class FunctionDeclarations
{
    /// <summary>Declares a queue-triggered function, named after its class.</summary>
    public static IServiceCollection AddQueueFunction<TFunction>(this IServiceCollection services, string queueName,
        string connection = QueueFunctionTrigger.DefaultConnection)
        where TFunction : class, IQueueFunction
    {
        services.AddScoped<TFunction>();
        return services.AddSingleton(new FunctionRegistration(
            new FunctionDefinition(typeof(TFunction).Name, new QueueFunctionTrigger(queueName, connection)), typeof(TFunction)));
    }

    /// <summary>Declares a timer-triggered function, named after its class; <paramref name="schedule"/> may be <c>%SETTING%</c>.</summary>
    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string schedule, bool runOnStartup = false)
        where TFunction : class, ITimerFunction
    {
        services.AddScoped<TFunction>();
        return services.AddSingleton(new FunctionRegistration(
            new FunctionDefinition(typeof(TFunction).Name, new TimerFunctionTrigger(schedule, runOnStartup)), typeof(TFunction)));
    }

    /// <summary>Declares this endpoint as the HTTP function <paramref name="name"/>.</summary>
    public static TBuilder AsFunction<TBuilder>(this TBuilder builder, string name, FunctionAuthLevel authLevel = FunctionAuthLevel.Anonymous)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithName(name).WithMetadata(new HttpFunctionMetadata(name, authLevel));
}
