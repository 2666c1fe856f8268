namespace Multiconnect.Gateway.Apis;

public sealed record TwoStepBody(string Pin);
