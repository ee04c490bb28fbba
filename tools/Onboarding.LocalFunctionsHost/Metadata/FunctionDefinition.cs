namespace Onboarding.LocalFunctionsHost.Metadata;

/// <summary>A function as the host knows it: the worker's id for it, where it lives, its bindings.</summary>
public sealed record FunctionDefinition(
    string Name,
    string FunctionId,
    string ScriptFile,
    string EntryPoint,
    string Language,
    IReadOnlyList<FunctionBinding> Bindings,
    IReadOnlyDictionary<string, string> Properties)
{
    public FunctionBinding Trigger => Bindings.First(binding => binding.IsTrigger && binding.Direction == BindingDirection.In);

    public bool IsHttp => Trigger.IsType("httpTrigger");
}
