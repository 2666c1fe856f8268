namespace Multiconnect.Simulator.Admin;

/// <summary>A template a number had approved.</summary>
public sealed record TemplateResponse(string Name, string Language, int Parameters);
