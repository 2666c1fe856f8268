using Multiconnect.Upstream.Frames;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// A simulated user's message to the business, kept until the owning shard's session acknowledges it:
/// of <paramref name="type"/>, its <paramref name="body"/> the text of a text and the JSON of the type's object for any other.
/// </summary>
public sealed class InboundMessage(long order, string id, RecipientLog from, string type, string body, long createdAt)
{
    /// <summary>Creation order within the business number: held messages are delivered in this order.</summary>
    public long Order { get; } = order;

    public string Id { get; } = id;

    public RecipientLog From { get; } = from;

    public string Type { get; } = type;

    public string Body { get; } = body;

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; } = createdAt;

    public int Attempts { get; private set; }

    /// <summary>Stopwatch timestamp of the latest delivery.</summary>
    public long LastSentAt { get; private set; }

    public InboundFrame NextDelivery(long now)
    {
        Attempts++;
        LastSentAt = now;
        return new InboundFrame(Id, From.Recipient.Value, Body, CreatedAt, Attempts, From.ProfileName, Type);
    }
}
