using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>POST /v1/settings/account/two-step: <c>{"pin"}</c>, the new six-digit two-step verification PIN.</summary>
public sealed record TwoStepRequest(string Pin)
{
    public static Validated<TwoStepRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("pin");
        var pin = body.RequiredString("pin");
        if (pin is not null && !TwoStepPin.IsValid(pin))
        {
            body.Invalid("pin", $"must have {TwoStepPin.Length} digits");
        }

        return body.Problems ?? (Validated<TwoStepRequest>)new TwoStepRequest(pin!);
    }
}
