using Grpc.Core;
using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>The gRPC service the worker dials: its first message must be StartStream with a worker id this host started.</summary>
public sealed partial class FunctionRpcService(WorkerSessions sessions, GrpcListener grpcListener, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (context.GetHttpContext().Connection.LocalPort != grpcListener.Port)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.NotFound, "Not the worker listener."));
        }
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            StreamIgnored(logger, "its first message was not StartStream");
            return;
        }
        var session = sessions.Find(requestStream.Current.StartStream.WorkerId);
        if (session is null)
        {
            StreamIgnored(logger, "its worker id is unknown");
            return;
        }
        await session.RunStreamAsync(requestStream, responseStream, context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A worker stream was ignored: {Reason}")]
    private static partial void StreamIgnored(ILogger logger, string reason);
}
