using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Interop;

/// <summary>
/// What our storage client writes, the official Azure JavaScript SDKs (@azure/data-tables,
/// @azure/storage-queue) read as meant, and the other way round. The JavaScript side is
/// Interop/interop.mjs, run by <see cref="JavaScriptSdk"/> against the same Azurite.
/// </summary>
public sealed class JavaScriptSdkInteropTests
{
    private static readonly DateTimeOffset When = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)).AddTicks(9);

    /// <summary>One property of every kind a table stores, with the values that are easy to get wrong.</summary>
    private static Dictionary<string, object> EveryKind() => new()
    {
        ["Text"] = "Tom & Jerry's <café> \"quoted\" – 日本 😀",
        ["Empty"] = "",
        ["DigitsAsText"] = "9007199254740993",
        ["Yes"] = true,
        ["No"] = false,
        ["Small"] = 42,
        ["SmallestInt"] = int.MinValue,
        ["Big"] = 9_007_199_254_740_993L, // 2^53 + 1: no JavaScript number holds it
        ["SmallestLong"] = long.MinValue,
        ["Whole"] = 5.0,
        ["Fraction"] = -0.125,
        ["Tenth"] = 0.1,
        ["Largest"] = double.MaxValue,
        ["Tiniest"] = double.Epsilon,
        ["NotANumber"] = double.NaN,
        ["MinusInfinity"] = double.NegativeInfinity,
        ["When"] = When,
        ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ["Bytes"] = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
    };

    [Fact]
    public async Task EveryPropertyKindWeWriteIsReadByTheJavaScriptSdkWithItsEdmType()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId("O'Brien & Zoë");
        const string row = "row +100% ✓ 'quoted'";
        var entity = new TableEntity(partition, row);
        foreach (var (name, value) in EveryKind())
        {
            entity[name] = value;
        }
        await table.AddEntityAsync(entity);

        var read = await JavaScriptSdk.RunAsync<JsEntities>("table-get", new { table = table.Name, keys = new[] { new { partitionKey = partition, rowKey = row } } });

        var js = Assert.Single(read.Entities);
        Assert.NotNull(js);
        Assert.Equal((partition, row), (js.PartitionKey, js.RowKey));
        AssertSameValues(
            EveryKind().Where(p => p.Key != "Whole").ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)),
            js.Properties.Where(p => p.Key != "Whole").ToDictionary(p => p.Key, p => p.Value.Normalized()));
        // The service answers a whole Double as 5.0 without a type annotation; JSON.parse leaves the
        // SDK the number 5, which it labels Int32 (Azure/azure-sdk-for-js#19899, #28924). That the service
        // holds a Double, because we annotated it, shows in the answer the SDK received.
        Assert.Equal(5.0, double.Parse(js.Properties["Whole"].Value, CultureInfo.InvariantCulture));
        Assert.Equal("5.0", WireToken(js.Wire, "Whole"));
    }

    [Fact]
    public async Task EveryPropertyKindTheJavaScriptSdkWritesIsReadByUsWithItsClrType()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId("O'Brien & Zoë");
        const string row = "row +100% ✓ 'quoted'";

        var added = await JavaScriptSdk.RunAsync<JsOutcomes>("table-add", new { table = table.Name, entities = new[] { ForJs(partition, row, EveryKind()) } });

        Assert.True(Assert.Single(added.Results).Ok);
        var read = (await table.GetEntityAsync(partition, row)).Value;
        Assert.Equal((partition, row), (read.PartitionKey, read.RowKey));
        AssertSameValues(
            EveryKind().ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)),
            read.ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)));
        Assert.IsType<double>(read["Whole"]);
    }

    [Fact]
    public async Task OurUpdateWithTheETagOfAJavaScriptWriteSucceedsAndLeavesTheJavaScriptETagStale()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId();
        var added = Assert.Single((await JavaScriptSdk.RunAsync<JsOutcomes>("table-add", new
        {
            table = table.Name,
            entities = new[] { ForJs(partition, "r", new() { ["N"] = 1, ["Note"] = "from js" }) },
        })).Results);
        var read = (await table.GetEntityAsync(partition, "r")).Value;

        var ours = await table.UpdateEntityAsync(new TableEntity(partition, "r") { ["N"] = 2 }, read.ETag);
        var jsUpdates = (await JavaScriptSdk.RunAsync<JsOutcomes>("table-update", new
        {
            table = table.Name,
            updates = new object[]
            {
                new { entity = ForJs(partition, "r", new() { ["N"] = 3 }), etag = added.Etag },
                new { entity = ForJs(partition, "r", new() { ["N"] = 4 }), etag = ours.Headers.ETag?.ToString() },
            },
        })).Results;

        Assert.True(added.Ok);
        Assert.Equal(added.Etag, read.ETag.ToString());
        Assert.NotNull(ours.Headers.ETag);
        Assert.NotEqual(read.ETag, ours.Headers.ETag);
        Assert.Equal((false, 412, "UpdateConditionNotSatisfied"), (jsUpdates[0].Ok, jsUpdates[0].Status, jsUpdates[0].Code));
        Assert.True(jsUpdates[1].Ok, jsUpdates[1].Message);
        var final = (await table.GetEntityAsync(partition, "r")).Value;
        Assert.Equal((4, "from js"), (final.GetInt32("N"), final.GetString("Note")));
    }

    [Fact]
    public async Task AJavaScriptUpdateWithOurETagSucceedsAndLeavesOurETagStale()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId();
        await table.AddEntityAsync(new TableEntity(partition, "r") { ["N"] = 1, ["Note"] = "from us" });
        var read = (await table.GetEntityAsync(partition, "r")).Value;

        var jsUpdate = Assert.Single((await JavaScriptSdk.RunAsync<JsOutcomes>("table-update", new
        {
            table = table.Name,
            updates = new[] { new { entity = ForJs(partition, "r", new() { ["N"] = 2 }), etag = read.ETag.ToString() } },
        })).Results);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity(partition, "r") { ["N"] = 3 }, read.ETag));
        var afterStale = (await table.GetEntityAsync(partition, "r")).Value;
        await table.UpdateEntityAsync(new TableEntity(partition, "r") { ["N"] = 4 }, new ETag(jsUpdate.Etag!));

        Assert.True(jsUpdate.Ok, jsUpdate.Message);
        Assert.Equal((412, "UpdateConditionNotSatisfied"), (stale.Status, stale.ErrorCode));
        Assert.Equal((2, "from us", jsUpdate.Etag), (afterStale.GetInt32("N"), afterStale.GetString("Note"), afterStale.ETag.ToString()));
        Assert.Equal(4, (await table.GetEntityAsync(partition, "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task InsertingARowTheOtherSdkWroteIsAConflictEitherWay()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId();
        await table.AddEntityAsync(new TableEntity(partition, "ours") { ["By"] = "us" });

        var jsAdds = (await JavaScriptSdk.RunAsync<JsOutcomes>("table-add", new
        {
            table = table.Name,
            entities = new[]
            {
                ForJs(partition, "ours", new() { ["By"] = "js" }),
                ForJs(partition, "theirs", new() { ["By"] = "js" }),
            },
        })).Results;
        var ourConflict = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.AddEntityAsync(new TableEntity(partition, "theirs") { ["By"] = "us" }));

        Assert.Equal((false, 409, "EntityAlreadyExists"), (jsAdds[0].Ok, jsAdds[0].Status, jsAdds[0].Code));
        Assert.True(jsAdds[1].Ok, jsAdds[1].Message);
        Assert.Equal((409, "EntityAlreadyExists"), (ourConflict.Status, ourConflict.ErrorCode));
        Assert.Equal("us", (await table.GetEntityAsync(partition, "ours")).Value.GetString("By"));
        Assert.Equal("js", (await table.GetEntityAsync(partition, "theirs")).Value.GetString("By"));
    }

    [Fact]
    public async Task ATransactionWeSubmitIsReadByTheJavaScriptSdk()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId();
        await table.AddEntityAsync(new TableEntity(partition, "to-merge") { ["A"] = 1, ["B"] = "kept" });
        await table.AddEntityAsync(new TableEntity(partition, "to-delete") { ["A"] = 1 });
        var mergeETag = (await table.GetEntityAsync(partition, "to-merge")).Value.ETag;
        // Whole is left out: the SDK's listing has no way to tell 5.0 from 5 (see the first test).
        var typed = EveryKind().Where(p => p.Key != "Whole").ToDictionary(p => p.Key, p => p.Value);
        var added = new TableEntity(partition, "added");
        foreach (var (name, value) in typed)
        {
            added[name] = value;
        }

        var result = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, added),
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, "to-merge") { ["A"] = 2 }, mergeETag),
            new(TableTransactionActionType.Delete, new TableEntity(partition, "to-delete")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "upserted") { ["Text"] = "upserted" }),
        ]);
        var listed = await JavaScriptSdk.RunAsync<JsEntities>("table-query", new { table = table.Name, partitionKey = partition });

        var rows = listed.Entities.Select(e => e!).ToDictionary(e => e.RowKey);
        Assert.Equal(["added", "to-merge", "upserted"], rows.Keys);
        AssertSameValues(
            typed.ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)),
            rows["added"].Properties.ToDictionary(p => p.Key, p => p.Value.Normalized()));
        Assert.Equal(result.Value[0].Headers.ETag?.ToString(), rows["added"].Etag);
        Assert.Equal(
            new Dictionary<string, EdmValue> { ["A"] = new("Int32", "2"), ["B"] = new("String", "kept") },
            rows["to-merge"].Properties);
        Assert.Equal(new Dictionary<string, EdmValue> { ["Text"] = new("String", "upserted") }, rows["upserted"].Properties);
    }

    [Fact]
    public async Task AJavaScriptTransactionIsReadByUsAndARefusedOneWritesNothing()
    {
        var table = await TestStorage.NewTableAsync();
        var partition = TestStorage.UniqueId();
        await table.AddEntityAsync(new TableEntity(partition, "to-replace") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity(partition, "to-delete") { ["A"] = 1 });
        await table.AddEntityAsync(new TableEntity(partition, "taken") { ["N"] = 1 });
        var replaceETag = (await table.GetEntityAsync(partition, "to-replace")).Value.ETag;

        var results = (await JavaScriptSdk.RunAsync<JsTransactionResults>("table-transaction", new
        {
            table = table.Name,
            transactions = new[]
            {
                new object[]
                {
                    new { action = "create", entity = ForJs(partition, "created", EveryKind()) },
                    new { action = "update", entity = ForJs(partition, "to-replace", new() { ["A"] = 2 }), mode = "Replace", etag = replaceETag.ToString() },
                    new { action = "delete", entity = ForJs(partition, "to-delete", new()) },
                    new { action = "upsert", entity = ForJs(partition, "upserted", new() { ["Text"] = "upserted" }), mode = "Merge" },
                },
                new object[]
                {
                    new { action = "create", entity = ForJs(partition, "never", new()) },
                    new { action = "create", entity = ForJs(partition, "taken", new() { ["N"] = 2 }) },
                },
            },
        })).Results;

        var committed = results[0];
        Assert.True(committed.Ok, committed.Message);
        Assert.Equal(202, committed.Status);
        Assert.Equal([204, 204, 204, 204], committed.SubResponses!.Select(r => r.Status));
        var refused = results[1];
        Assert.Equal((false, 409, "EntityAlreadyExists"), (refused.Ok, refused.Status, refused.Code));
        Assert.StartsWith("1:", refused.Message);

        var rows = (await table.QueryAsync(TableFilter.Create($"PartitionKey eq {partition}")).ToListAsync()).ToDictionary(e => e.RowKey);
        Assert.Equal(["created", "taken", "to-replace", "upserted"], rows.Keys);
        AssertSameValues(
            EveryKind().ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)),
            rows["created"].ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)));
        Assert.Equal(committed.SubResponses![0].Etag, rows["created"].ETag.ToString());
        Assert.Equal(new Dictionary<string, object> { ["A"] = 2 }, rows["to-replace"]);
        Assert.Equal(new Dictionary<string, object> { ["Text"] = "upserted" }, rows["upserted"]);
        Assert.Equal(1, rows["taken"].GetInt32("N"));
    }

    [Fact]
    public async Task BytesWeSendAreReadByTheJavaScriptSdkAsBase64WhoseDecodingIsTheOriginal()
    {
        var queue = await TestStorage.NewQueueAsync();
        const string json = "{\"orgId\":\"Zoë & <Partner>\",\"note\":\"日本 😀\"}";
        var bytes = new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF };
        var jsonReceipt = (await queue.SendMessageAsync(BinaryData.FromString(json))).Value;
        var bytesReceipt = (await queue.SendMessageAsync(BinaryData.FromBytes(bytes))).Value;

        var received = (await JavaScriptSdk.RunAsync<JsReceived>("queue-receive", new { queue = queue.Name })).Messages.ToDictionary(m => m.MessageId);

        Assert.Equal(new[] { jsonReceipt.MessageId, bytesReceipt.MessageId }.Order(), received.Keys.Order());
        var jsonMessage = received[jsonReceipt.MessageId];
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), jsonMessage.MessageText);
        Assert.Equal(json, jsonMessage.Base64?.Utf8);
        var bytesMessage = received[bytesReceipt.MessageId];
        Assert.Equal(Convert.ToBase64String(bytes), bytesMessage.MessageText);
        Assert.Equal(Convert.ToHexStringLower(bytes), bytesMessage.Base64?.Hex);
    }

    [Fact]
    public async Task ABase64BodyTheJavaScriptSdkSendsDecodesInDotNetToTheOriginal()
    {
        var queue = await TestStorage.NewQueueAsync();
        const string json = "{\"orgId\":\"Zoë & <Partner>\",\"note\":\"日本 😀\"}";

        var sent = Assert.Single((await JavaScriptSdk.RunAsync<JsSent>("queue-send", new
        {
            queue = queue.Name,
            messages = new[] { new { text = json, encoding = "base64" } },
        })).Sent);
        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), received.MessageText);
        Assert.Equal(json, Encoding.UTF8.GetString(Convert.FromBase64String(received.MessageText)));
    }

    private static readonly string[] PlainTexts =
    [
        "<order id=\"7\">Tom & Jerry's ]]> &amp; &lt;not an entity&gt;</order>",
        "Zürich – 日本語 – 😀 – \u00a0non-breaking",
        "  leading and trailing spaces  ",
    ];

    [Fact]
    public async Task PlainTextWeSendIsReadUnchangedByTheJavaScriptSdkWhosePopReceiptWeCanDeleteWith()
    {
        var queue = await TestStorage.NewQueueAsync();
        var receipts = new List<SendReceipt>();
        foreach (var text in PlainTexts)
        {
            receipts.Add((await queue.SendMessageAsync(text)).Value);
        }

        var received = (await JavaScriptSdk.RunAsync<JsReceived>("queue-receive", new { queue = queue.Name })).Messages;
        foreach (var message in received)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        var byId = received.ToDictionary(m => m.MessageId, m => m.MessageText);
        Assert.Equal(receipts.Select(r => r.MessageId).Order(), byId.Keys.Order());
        Assert.Equal(PlainTexts, receipts.Select(r => byId[r.MessageId]));
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task PlainTextTheJavaScriptSdkSendsIsReadUnchangedByUs()
    {
        var queue = await TestStorage.NewQueueAsync();

        var sent = (await JavaScriptSdk.RunAsync<JsSent>("queue-send", new
        {
            queue = queue.Name,
            messages = PlainTexts.Select(text => new { text, encoding = "plain" }),
        })).Sent;
        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value.ToDictionary(m => m.MessageId, m => m.MessageText);

        Assert.Equal(sent.Select(s => s.MessageId).Order(), received.Keys.Order());
        Assert.Equal(PlainTexts, sent.Select(s => received[s.MessageId]));
    }

    [Fact]
    public async Task CarriageReturnsInPlainTextSurviveOurSendAsTheySurviveTheJavaScriptSdksSend()
    {
        // The JavaScript SDK would read back "&#xD;" for a carriage return (its XML parser leaves
        // character references undecoded), so this one is checked on our side only.
        var queue = await TestStorage.NewQueueAsync();
        const string text = "windows\r\nunix\nold mac\rend";

        var js = Assert.Single((await JavaScriptSdk.RunAsync<JsSent>("queue-send", new
        {
            queue = queue.Name,
            messages = new[] { new { text, encoding = "plain" } },
        })).Sent);
        var ours = (await queue.SendMessageAsync(text)).Value;
        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value.ToDictionary(m => m.MessageId, m => m.MessageText);

        Assert.Equal(new[] { js.MessageId, ours.MessageId }.Order(), received.Keys.Order());
        Assert.Equal(text, received[js.MessageId]);
        Assert.Equal(text, received[ours.MessageId]);
    }

    /// <summary>The entity as interop.mjs takes it: keys and typed descriptions.</summary>
    private static object ForJs(string partitionKey, string rowKey, Dictionary<string, object> properties) => new
    {
        partitionKey,
        rowKey,
        properties = properties.ToDictionary(p => p.Key, p => EdmValue.Of(p.Value)),
    };

    /// <summary>Same property names, and each with the same type and value; names every difference.</summary>
    private static void AssertSameValues(Dictionary<string, EdmValue> expected, Dictionary<string, EdmValue> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        var differences = expected.Where(p => p.Value != actual[p.Key]).Select(p => $"{p.Key}: expected {p.Value}, got {actual[p.Key]}").ToList();
        Assert.True(differences.Count == 0, "Properties differ:\n" + string.Join("\n", differences));
    }

    /// <summary>The JSON text of one property in a service answer, exactly as it was sent.</summary>
    private static string WireToken(string? wire, string property)
    {
        Assert.NotNull(wire);
        using var json = JsonDocument.Parse(wire);
        return json.RootElement.GetProperty(property).GetRawText();
    }
}
