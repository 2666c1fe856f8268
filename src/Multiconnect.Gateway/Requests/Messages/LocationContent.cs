namespace Multiconnect.Gateway.Requests.Messages;

/// <summary><c>location</c>: <c>latitude</c> (−90 to 90) and <c>longitude</c> (−180 to 180) required, <c>name</c> and <c>address</c> optional.</summary>
public sealed record LocationContent(double? Latitude, double? Longitude, string? Name = null, string? Address = null)
{
    /// <summary>Our choice for name and address: the original documents no limit.</summary>
    public const int MaxTextLength = 1000;

    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Latitude, $"{path}.latitude") && Latitude is < -90 or > 90)
        {
            problems.Invalid($"{path}.latitude", $"must be between -90 and 90; got {Latitude}");
        }

        if (problems.Required(Longitude, $"{path}.longitude") && Longitude is < -180 or > 180)
        {
            problems.Invalid($"{path}.longitude", $"must be between -180 and 180; got {Longitude}");
        }

        problems.OptionalText(Name, $"{path}.name", MaxTextLength);
        problems.OptionalText(Address, $"{path}.address", MaxTextLength);
    }
}
