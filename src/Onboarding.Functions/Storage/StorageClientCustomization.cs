using Azure.Core;

namespace Onboarding.Functions.Storage;

/// <summary>
/// A change to the Table and Queue clients' options (pipeline policies, retry delays), applied after the
/// app's defaults. Registered in DI by tests that inject faults; the app itself registers none.
/// </summary>
public sealed record StorageClientCustomization(Action<ClientOptions> Apply);
