using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Metadata;

/// <summary>Builds the <see cref="FunctionLoadRequest"/> the worker needs to find and bind a function.</summary>
public static class FunctionLoadRequestFactory
{
    public static FunctionLoadRequest Create(FunctionDefinition function)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = function.Name,
            Directory = "",
            ScriptFile = function.ScriptFile,
            EntryPoint = function.EntryPoint,
            IsProxy = false,
            Language = function.Language,
            FunctionId = function.FunctionId,
        };
        foreach (var binding in function.Bindings)
        {
            metadata.Bindings[binding.Name] = new BindingInfo
            {
                Type = binding.Type,
                Direction = binding.Direction switch
                {
                    BindingDirection.In => BindingInfo.Types.Direction.In,
                    BindingDirection.Out => BindingInfo.Types.Direction.Out,
                    _ => BindingInfo.Types.Direction.Inout,
                },
                DataType = binding.DataType?.ToLowerInvariant() switch
                {
                    "string" => BindingInfo.Types.DataType.String,
                    "binary" => BindingInfo.Types.DataType.Binary,
                    "stream" => BindingInfo.Types.DataType.Stream,
                    _ => BindingInfo.Types.DataType.Undefined,
                },
            };
        }
        foreach (var (key, value) in function.Properties)
        {
            metadata.Properties[key] = value;
        }
        return new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = metadata };
    }
}
