using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Requests;

/// <summary>POST /v1/settings/account/two-step: <c>{"pin"}</c>, the new six-digit two-step verification PIN.</summary>
public sealed record TwoStepBody([property: Required] string? Pin) : IRequestBody<TwoStepBody>
{
    public static JsonTypeInfo<TwoStepBody> JsonTypeInfo => RequestJsonContext.Default.TwoStepBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Pin, "pin") && !TwoStepPin.IsValid(Pin))
        {
            problems.Invalid("pin", $"must have {TwoStepPin.Length} digits");
        }
    }
}
