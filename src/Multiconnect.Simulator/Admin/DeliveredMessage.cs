namespace Multiconnect.Simulator.Admin;

/// <summary>A message as its recipient received it: its id, its type, and its body (the text of a text, the JSON of the type's object for any other) as the business sent it.</summary>
public sealed record DeliveredMessage(string Id, string Type, string Body);
