namespace Multiconnect.Gateway.Apis;

public sealed record MessageId(string Id)
{
    /// <summary>Ours are 28 characters and the upstream's inbound ids about 30 to 60; anything longer is not an id.</summary>
    public const int MaxLength = 256;
}
