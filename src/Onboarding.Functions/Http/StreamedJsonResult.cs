using System.Text.Json;

namespace Onboarding.Functions.Http;

/// <summary>
/// A 200 <c>application/json</c> answer written piece by piece with a <see cref="Utf8JsonWriter"/> straight to
/// the response body, for documents too large to build in memory first (the organization export). The writer
/// buffers until the callback flushes it; <see cref="OpenApiDocument"/> describes it as a 200 JSON object.
/// </summary>
public sealed class StreamedJsonResult(Func<Utf8JsonWriter, CancellationToken, Task> write, string? fileName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        // Organization data: never kept by a cache on the way.
        response.Headers.CacheControl = "no-store";
        if (fileName is not null)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }
        await using var writer = new Utf8JsonWriter(response.Body, new JsonWriterOptions { SkipValidation = false });
        await write(writer, httpContext.RequestAborted);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
