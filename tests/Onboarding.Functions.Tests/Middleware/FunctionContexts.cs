using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Onboarding.Functions.Tests.Middleware;

/// <summary>A <see cref="FunctionContext"/> as the worker hands it to middleware, for in-process tests (Moq: the worker has no public way to make one).</summary>
public static class FunctionContexts
{
    /// <summary>The key under which the ASP.NET Core integration keeps the invocation's HttpContext.</summary>
    private const string HttpContextKey = "HttpRequestContext";

    public static FunctionContext For(string name, string entryPoint, HttpContext? http = null, IReadOnlyDictionary<string, object?>? bindingData = null, IServiceProvider? services = null)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(name);
        definition.SetupGet(d => d.EntryPoint).Returns(entryPoint);
        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(bindingData ?? new Dictionary<string, object?>());
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupProperty(c => c.Items, http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { [HttpContextKey] = http });
        if (services is not null)
        {
            context.SetupProperty(c => c.InstanceServices, services);
        }
        return context.Object;
    }
}
