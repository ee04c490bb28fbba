using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>
/// One table, over the Table REST API. Shaped like Azure.Data.Tables' <c>TableClient</c>: failures
/// are <see cref="RequestFailedException"/> with the HTTP status and the storage error code.
/// </summary>
public sealed partial class TableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private readonly Uri accountUri;
    private readonly HttpPipeline pipeline;

    internal TableClient(Uri accountUri, string tableName, HttpPipeline pipeline)
    {
        if (!TableName().IsMatch(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name (a letter, then 2-62 letters or digits).", nameof(tableName));
        }
        this.accountUri = accountUri;
        this.pipeline = pipeline;
        Name = tableName;
        Uri = new Uri(accountUri.AbsoluteUri.TrimEnd('/') + "/" + tableName);
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Creates the table; an existing table is not an error.</summary>
    public async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 or 409 ? response : throw StorageErrorParser.Exception(response);
    }

    /// <summary>Deletes the table; a missing table is not an error.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{Name}')");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 204 or 404 ? response : throw StorageErrorParser.Exception(response);
    }

    /// <summary>Reads one entity; 404 throws.</summary>
    public async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await GetEntityIfExistsAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        var raw = response.GetRawResponse();
        return response.HasValue ? Response.FromValue(response.Value!, raw) : throw StorageErrorParser.Exception(raw);
    }

    /// <summary>Reads one entity; a missing one gives a response without a value.</summary>
    public async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/" + Name + TableKeys.EntityPath(partitionKey, rowKey));
        AppendSelect(message, select);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case 200:
                using (var json = JsonDocument.Parse(response.Content.ToMemory()))
                {
                    var entity = TableEntityJson.Read(json.RootElement);
                    if (response.Headers.ETag is { } etag)
                    {
                        entity.ETag = etag;
                    }
                    return Response.FromValue(entity, response);
                }
            case 404 when ErrorCode(response) is not "TableNotFound":
                return new NoValueResponse<TableEntity>(response);
            default:
                throw StorageErrorParser.Exception(response);
        }
    }

    /// <summary>Inserts a new entity; 409 if it exists (<see cref="EntityAlreadyExistsAfterRetryException"/> when only a retry saw it).</summary>
    public async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ValidateKeys(entity);
        using var message = CreateMessage(RequestMethod.Post, "/" + Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 204)
        {
            return response;
        }
        if (response.Status == 409 && AttemptCounterPolicy.WasRetried(message))
        {
            throw new EntityAlreadyExistsAfterRetryException(response);
        }
        throw StorageErrorParser.Exception(response);
    }

    /// <summary>Inserts or replaces / merges, whatever is stored.</summary>
    public Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch: null, cancellationToken);

    /// <summary>
    /// Replaces or merges an existing entity if its ETag still matches (412 otherwise, 404 if missing).
    /// A default ETag is refused: pass <see cref="ETag.All"/> to update unconditionally.
    /// </summary>
    public Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs the ETag that was read, or ETag.All to update unconditionally.", nameof(ifMatch));
        }
        return WriteEntityAsync(entity, mode, ifMatch.ToString(), cancellationToken);
    }

    /// <summary>Deletes an entity if its ETag matches (a default ETag deletes unconditionally); a missing entity is not an error.</summary>
    public async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/" + Name + TableKeys.EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 || (response.Status == 404 && ErrorCode(response) is not "TableNotFound")
            ? response
            : throw StorageErrorParser.Exception(response);
    }

    private async Task<Response> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, string? ifMatch, CancellationToken cancellationToken)
    {
        ValidateKeys(entity);
        var method = mode == TableUpdateMode.Merge ? new RequestMethod("MERGE") : RequestMethod.Put;
        using var message = CreateMessage(method, "/" + Name + TableKeys.EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }
        SetJsonContent(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 ? response : throw StorageErrorParser.Exception(response);
    }

    private HttpMessage CreateMessage(RequestMethod method, string encodedPath)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(accountUri);
        request.Uri.AppendPath(encodedPath, escape: false);
        request.Headers.SetValue("Accept", JsonAccept);
        request.Headers.SetValue("DataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetJsonContent(HttpMessage message, byte[] json)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(json);
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null && select.Any())
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', select), escapeValue: true);
        }
    }

    private Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken) =>
        pipeline.SendToStorageAsync(message, cancellationToken);

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : StorageErrorParser.ReadBody(response).Code;

    private static void ValidateKeys(TableEntity entity)
    {
        TableKeys.Validate(entity.PartitionKey, nameof(entity.PartitionKey));
        TableKeys.Validate(entity.RowKey, nameof(entity.RowKey));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
