using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>
/// One queue, over the Queue REST API. Shaped like Azure.Storage.Queues' <c>QueueClient</c>.
/// Message text is sent as given; <see cref="SendMessageAsync(BinaryData, TimeSpan?, TimeSpan?, CancellationToken)"/>
/// sends base64, as Azure Functions producers do.
/// </summary>
public sealed partial class QueueClient
{
    /// <summary>The service's limit on one message, counted on the text as sent.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly HttpPipeline pipeline;

    internal QueueClient(Uri accountUri, string queueName, HttpPipeline pipeline)
    {
        if (!QueueName().IsMatch(queueName) || queueName.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name (3-63 lowercase letters, digits, single hyphens).", nameof(queueName));
        }
        this.pipeline = pipeline;
        Name = queueName;
        Uri = new Uri(accountUri.AbsoluteUri.TrimEnd('/') + "/" + queueName);
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Creates the queue; an existing one is not an error.</summary>
    public async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, string.Empty);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 ? response : throw StorageErrorParser.Exception(response);
    }

    /// <summary>Deletes the queue; a missing one is not an error.</summary>
    public async Task<Response> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, string.Empty);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 204 or 404 ? response : throw StorageErrorParser.Exception(response);
    }

    /// <summary>Sends <paramref name="messageText"/> as is (XML-escaped on the wire).</summary>
    public async Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/messages");
        AppendSeconds(message, "visibilitytimeout", visibilityTimeout);
        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl), escapeValue: true);
        }
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = MessageContent(messageText);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StorageErrorParser.Exception(response);
        }
        var item = ReadMessages(response).Single();
        return Response.FromValue(new SendReceipt(
            Text(item, "MessageId"), Text(item, "PopReceipt"),
            Date(item, "InsertionTime") ?? default, Date(item, "ExpirationTime") ?? default, Date(item, "TimeNextVisible") ?? default), response);
    }

    /// <summary>Sends the bytes base64-encoded: the encoding Azure Functions expects by default.</summary>
    public Task<Response<SendReceipt>> SendMessageAsync(BinaryData body, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        SendMessageAsync(Convert.ToBase64String(body.ToMemory().Span), visibilityTimeout, timeToLive, cancellationToken);

    /// <summary>Takes 1 to 32 messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/messages");
        AppendCount(message, maxMessages);
        AppendSeconds(message, "visibilitytimeout", visibilityTimeout);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrorParser.Exception(response);
        }
        var messages = ReadMessages(response).Select(m => new QueueMessage(
            Text(m, "MessageId"), Text(m, "PopReceipt"), Text(m, "MessageText"),
            long.Parse(Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"), Date(m, "ExpirationTime"), Date(m, "TimeNextVisible"))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Reads up to 32 messages without taking them.</summary>
    public async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true", escapeValue: true);
        AppendCount(message, maxMessages);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrorParser.Exception(response);
        }
        var messages = ReadMessages(response).Select(m => new PeekedMessage(
            Text(m, "MessageId"), Text(m, "MessageText"),
            long.Parse(Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"), Date(m, "ExpirationTime"))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Deletes a received message; the pop receipt proves the caller still holds it.</summary>
    public async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 ? response : throw StorageErrorParser.Exception(response);
    }

    /// <summary>Changes a received message's visibility (and, optionally, its text).</summary>
    public async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout), escapeValue: true);
        if (messageText is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml");
            message.Request.Content = MessageContent(messageText);
        }
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrorParser.Exception(response);
        }
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return Response.FromValue(new UpdateReceipt(
            newReceipt ?? string.Empty,
            nextVisible is null ? default : DateTimeOffset.Parse(nextVisible, CultureInfo.InvariantCulture)), response);
    }

    /// <summary>The queue's metadata and approximate message count.</summary>
    public async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, string.Empty);
        message.Request.Uri.AppendQuery("comp", "metadata", escapeValue: true);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrorParser.Exception(response);
        }
        response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count);
        var metadata = response.Headers
            .Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Name["x-ms-meta-".Length..], h => h.Value, StringComparer.OrdinalIgnoreCase);
        return Response.FromValue(new QueueProperties(count is null ? 0 : int.Parse(count, CultureInfo.InvariantCulture), metadata), response);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(Uri);
        if (path.Length > 0)
        {
            message.Request.Uri.AppendPath(path, escape: false);
        }
        return message;
    }

    private Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken) =>
        pipeline.SendToStorageAsync(message, cancellationToken);

    private static void AppendCount(HttpMessage message, int? maxMessages)
    {
        if (maxMessages is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(maxMessages));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 32, nameof(maxMessages));
            message.Request.Uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture), escapeValue: true);
        }
    }

    private static void AppendSeconds(HttpMessage message, string name, TimeSpan? value)
    {
        if (value is { } span)
        {
            message.Request.Uri.AppendQuery(name, Seconds(span), escapeValue: true);
        }
    }

    private static string Seconds(TimeSpan span) => ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>QueueMessage</c> body, carriage returns written as <c>&amp;#xD;</c>: XElement.ToString turns
    /// "\r\n" and "\r" into "\n", and a literal CR is normalized to LF by any conforming XML parser.
    /// </summary>
    private static RequestContent MessageContent(string messageText)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            NewLineHandling = NewLineHandling.Entitize,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            new XElement("QueueMessage", new XElement("MessageText", messageText)).WriteTo(writer);
        }
        return RequestContent.Create(buffer.ToArray());
    }

    private static IEnumerable<XElement> ReadMessages(Response response) =>
        XDocument.Parse(response.Content.ToString()).Root?.Elements("QueueMessage") ?? [];

    private static string Text(XElement message, string name) => message.Element(name)?.Value ?? string.Empty;

    private static DateTimeOffset? Date(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueName();
}
