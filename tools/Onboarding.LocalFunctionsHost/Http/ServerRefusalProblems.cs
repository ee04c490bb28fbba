using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>
/// Kestrel answers requests it cannot parse (a request line over its limit, <c>%00</c> in the path,
/// headers too large) itself, before any middleware runs, with an empty body. This connection
/// middleware turns exactly those answers (a 4xx head with <c>Content-Length: 0</c> and
/// <c>Connection: close</c>, no body) into RFC 9457 problem documents; every other byte passes as is.
/// </summary>
public static class ServerRefusalProblems
{
    public static void UseProblemDocumentsForServerRefusals(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Transport = new RewritingTransport(connection.Transport);
            return next(connection);
        });

    /// <summary>The problem document that replaces Kestrel's bare refusal <paramref name="head"/>, or null to keep what was written.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> head)
    {
        if (head.Length > 2048 || !head.StartsWith("HTTP/1.1 4"u8) || !head.EndsWith("\r\n\r\n"u8))
        {
            return null;
        }
        var text = Encoding.ASCII.GetString(head);
        if (text.IndexOf("\r\n\r\n", StringComparison.Ordinal) != text.Length - 4
            || !text.Contains("\r\nContent-Length: 0\r\n", StringComparison.OrdinalIgnoreCase)
            || !text.Contains("\r\nConnection: close\r\n", StringComparison.OrdinalIgnoreCase)
            || text.Contains("\r\nContent-Type:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], out var status))
        {
            return null;
        }
        var reason = parts.Length == 3 ? parts[2] : "Bad Request";
        var code = status switch
        {
            414 => "uri_too_long",
            431 => "request_headers_too_large",
            413 => "payload_too_large",
            408 => "request_timeout",
            _ => "bad_request",
        };
        var body = Encoding.UTF8.GetBytes(
            $$"""{"type":"urn:onboarding:problem:{{code}}","title":"{{reason}}","status":{{status}},"detail":"The server could not read this request ({{reason}}).","code":"{{code}}"}""");
        var otherHeaders = text[(statusLine.Length + 2)..^2]
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var rewritten = $"{statusLine}\r\nContent-Type: application/problem+json\r\nContent-Length: {body.Length}\r\n{string.Concat(otherHeaders.Select(h => h + "\r\n"))}\r\n";
        return [.. Encoding.ASCII.GetBytes(rewritten), .. body];
    }

    private sealed class RewritingTransport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new RewritingWriter(inner.Output);
    }

    /// <summary>Holds what is written until it is flushed, so a whole response head can be looked at once.</summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> pending = new();

        public override void Advance(int bytes) => pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => pending.GetSpan(sizeHint);

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => pending.WrittenCount + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            MovePending();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            MovePending();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            MovePending();
            return inner.CompleteAsync(exception);
        }

        private void MovePending()
        {
            if (pending.WrittenCount == 0)
            {
                return;
            }
            var written = pending.WrittenSpan;
            inner.Write(Rewrite(written) is { } problem ? problem : written);
            pending.ResetWrittenCount();
        }
    }
}
