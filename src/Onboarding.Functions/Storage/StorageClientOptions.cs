using Azure.Core;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Pipeline options for the Table and Queue clients: Azure.Core's retry, transport and diagnostics
/// settings, plus the clock the shared-key signature reads.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The storage service version sent as <c>x-ms-version</c>.</summary>
    public string ServiceVersion { get; set; } = "2019-02-02";

    /// <summary>The clock used for <c>x-ms-date</c>; tests substitute it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public StorageClientOptions()
    {
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(4);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        // Request and response bodies can hold organization data: never log them.
        Diagnostics.IsLoggingContentEnabled = false;
    }
}
