namespace Onboarding.Functions.Http;

/// <summary>
/// The function answers with the organization's <c>ETag</c> and, when it changes something, honours <c>If-Match</c>
/// (412 when it no longer matches); see <c>ConditionalRequests</c>. For the OpenAPI document.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ETaggedAttribute : Attribute;
