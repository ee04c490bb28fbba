using Azure;

namespace Onboarding.Functions.Storage;

/// <summary>A <see cref="NullableResponse{T}"/> for a 404: the response, no value.</summary>
internal sealed class NoValueResponse<T>(Response response) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T? Value => default;

    public override Response GetRawResponse() => response;
}
