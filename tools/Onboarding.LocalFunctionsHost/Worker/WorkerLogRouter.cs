using Microsoft.Extensions.Logging;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Worker;

/// <summary>
/// Writes the worker's RpcLog messages to the host's log: user logs under <c>Function.&lt;Name&gt;.User</c>
/// (dropped when their invocation is unknown or finished, as the Functions host drops them), system logs under the worker's category.
/// </summary>
public sealed partial class WorkerLogRouter(ILoggerFactory loggerFactory)
{
    public void Write(RpcLog log, string? functionName)
    {
        var level = log.Level == RpcLog.Types.Level.None ? LogLevel.None : (LogLevel)(int)log.Level;
        if (log.LogCategory == RpcLog.Types.RpcLogCategory.System)
        {
            var category = functionName is null ? "Host.Worker" : $"Function.{functionName}";
            WriteLine(loggerFactory.CreateLogger(category), level, log);
            return;
        }
        if (functionName is null)
        {
            return;
        }
        WriteLine(loggerFactory.CreateLogger($"Function.{functionName}.User"), level, log);
    }

    private static void WriteLine(ILogger logger, LogLevel level, RpcLog log)
    {
        if (log.Exception is { } exception && !string.IsNullOrEmpty(exception.Message))
        {
            WorkerLogWithException(logger, level, log.Message, exception.Type, exception.Message);
        }
        else
        {
            WorkerLog(logger, level, log.Message);
        }
    }

    [LoggerMessage(Message = "{WorkerMessage}")]
    private static partial void WorkerLog(ILogger logger, LogLevel level, string workerMessage);

    [LoggerMessage(Message = "{WorkerMessage} ({ExceptionType}: {ExceptionMessage})")]
    private static partial void WorkerLogWithException(ILogger logger, LogLevel level, string workerMessage, string exceptionType, string exceptionMessage);
}
