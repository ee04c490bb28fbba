namespace Onboarding.Events;

/// <summary>How an envelope is written into a queue message. The receiver reads both.</summary>
public enum EventMessageEncoding
{
    /// <summary>The JSON text itself: up to 64 KiB of JSON per message.</summary>
    Plain,

    /// <summary>Base64 of the UTF-8 JSON, as Azure Functions producers write by default: about 48 KiB of JSON per message.</summary>
    Base64,
}
