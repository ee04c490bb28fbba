using System.Text.Json.Nodes;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Metadata;

/// <summary>Turns a worker-indexed <see cref="RpcFunctionMetadata"/> into a definition; the host reads <c>raw_bindings</c>.</summary>
public static class WorkerIndexedFunction
{
    public static FunctionDefinition From(RpcFunctionMetadata metadata)
    {
        var bindings = metadata.RawBindings
            .Select(raw => FunctionBinding.Parse(JsonNode.Parse(raw)?.AsObject() ?? throw new InvalidDataException("An empty raw binding.")))
            .ToList();
        return new FunctionDefinition(
            metadata.Name,
            string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId,
            metadata.ScriptFile,
            metadata.EntryPoint,
            metadata.Language,
            bindings,
            metadata.Properties.ToDictionary(pair => pair.Key, pair => pair.Value));
    }
}
