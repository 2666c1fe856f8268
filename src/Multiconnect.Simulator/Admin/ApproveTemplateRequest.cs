namespace Multiconnect.Simulator.Admin;

/// <summary>The business had a template approved: its name, its language's code, and how many parameters its body takes.</summary>
public sealed record ApproveTemplateRequest(string? Name, string? Language, int? Parameters);
