namespace Multiconnect.Gateway.Apis;

public sealed record SettingsSection(ApplicationSettingsBody Application);
