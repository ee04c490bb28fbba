using Azure;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Storage;

/// <summary>
/// How the SDK's retry policy treats writes whose reply was lost after storage had applied them: it
/// sends them again, and the second attempt meets the first one's rows. What the app builds on.
/// </summary>
public sealed class SdkRetryTests
{
    [Fact]
    public async Task AnInsertWhoseReplyWasLostIsSentAgainAndAnswersAlreadyExists()
    {
        var lost = new LostReply(message => message.Request.Method == RequestMethod.Post);
        var table = await TestStorage.NewTableAsync();
        var flaky = TestStorage.Tables(o => o.AddPolicy(lost, HttpPipelinePosition.PerRetry)).GetTableClient(table.Name);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => flaky.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 }));

        Assert.Equal(2, lost.Attempts);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task ATransactionWhoseReplyWasLostIsSentAgainAndFailsOnItsOwnFirstRow()
    {
        var lost = new LostReply(message => message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal));
        var table = await TestStorage.NewTableAsync();
        var flaky = TestStorage.Tables(o => o.AddPolicy(lost, HttpPipelinePosition.PerRetry)).GetTableClient(table.Name);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => flaky.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("p", "a")), new(TableTransactionActionType.Add, new TableEntity("p", "b"))]));

        Assert.Equal(2, lost.Attempts);
        Assert.Equal(409, error.Status);
        Assert.Equal(0, error.FailedTransactionActionIndex);
        Assert.Equal(2, (await table.QueryAsync<TableEntity>().ToListAsync()).Count);
    }

    [Fact]
    public async Task AnETagGuardedUpdateWhoseReplyWasLostIsSentAgainAndFailsItsPrecondition()
    {
        var lost = new LostReply(message => message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal));
        var table = await TestStorage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "state") { ["N"] = 1 });
        var read = (await table.GetEntityAsync<TableEntity>("p", "state")).Value;
        var flaky = TestStorage.Tables(o => o.AddPolicy(lost, HttpPipelinePosition.PerRetry)).GetTableClient(table.Name);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => flaky.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "state") { ["N"] = 2 }, read.ETag),
             new(TableTransactionActionType.Add, new TableEntity("p", "event|1"))]));

        Assert.Equal(412, error.Status);
        Assert.Equal(0, error.FailedTransactionActionIndex);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "state")).Value.GetInt32("N"));
    }

    [Fact]
    public async Task StorageThatCannotBeReachedIsOneRequestFailedExceptionWithStatusZeroInTheApp()
    {
        await using var app = new InProcessApp().WithSetting("AzureWebJobsStorage", TestStorage.Unreachable)
            .WithServices(s => s.AddSingleton(TestStorage.Customize(o => o.Retry.MaxRetries = 1)));
        var tables = app.Services.GetRequiredService<TableServiceClient>();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => tables.GetTableClient("Onboarding").GetEntityIfExistsAsync<TableEntity>("p", "r"));

        Assert.Equal(0, error.Status);
        Assert.Contains("could not be reached after 2 attempts", error.Message);
    }
}
