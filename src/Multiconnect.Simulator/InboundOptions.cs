namespace Multiconnect.Simulator;

/// <summary>Multiconnect:Simulator:Inbound. Simulated users writing to every business number that has opened a session.</summary>
public sealed class InboundOptions
{
    /// <summary>Messages per second to each business number; 0 for none (inject them with the admin API).</summary>
    public double MessagesPerSecond { get; set; }

    /// <summary>How many simulated users write: ids <see cref="UserPrefix"/> followed by a 5-digit index.</summary>
    public int Users { get; set; } = 1000;

    public string UserPrefix { get; set; } = "199955";

    /// <summary>
    /// The types of the messages users write (of text, image, document, audio, video, voice, sticker,
    /// location, contacts, button, interactive), one picked at random for each message; none: text only.
    /// </summary>
    public IReadOnlyList<string> Types { get; set; } = [];

    /// <summary>An inbound message not acknowledged this long after it was sent is sent again on the same session.</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(10);
}
