using System.Security.Cryptography;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Contracts.Routing;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// What one recipient has received from one business number: message ids in delivery order, the highest
/// sequence, and the type and body of the latest <see cref="KeptContents"/> messages.
/// </summary>
public sealed class RecipientLog(RecipientId recipient)
{
    /// <summary>
    /// How many delivered messages keep their type and body, per recipient: enough for a test or an
    /// operator to see that content arrived unchanged, while a load of millions keeps only its ids.
    /// </summary>
    public const int KeptContents = 1000;

    private readonly List<string> _delivered = [];
    private readonly Queue<(string Id, string Type, string Body)> _contents = new();
    private long _highestSequence = -1;

    public RecipientId Recipient { get; } = recipient;

    /// <summary>The routing hash, computed once: the shard is Hash % shard count.</summary>
    public ulong Hash { get; } = ShardRouter.Hash(recipient);

    public int ShardFor(int shards) => (int)(Hash % (ulong)shards);

    /// <summary>How long a conversation lasts from the first message counted in it, and how far back a user's message makes it user-initiated.</summary>
    public static readonly TimeSpan ConversationWindow = TimeSpan.FromHours(24);

    private static readonly string[] FirstNames = ["Ana", "Bruno", "Chen", "Dara", "Emeka", "Fatima", "Giulia", "Hiro", "Ines", "Jonas", "Kavya", "Lars"];

    private readonly Lock _conversationGate = new();
    private ReceiptConversation? _conversation;
    private DateTimeOffset? _wroteAt;
    private string? _profileName;

    /// <summary>The name on the user's profile, sent with their messages: one of a few first names, by the number, unless an operator gave one.</summary>
    public string ProfileName
    {
        get => Volatile.Read(ref _profileName) ?? $"{FirstNames[Hash % (ulong)FirstNames.Length]} {Recipient.Value[^4..]}";
        set => Volatile.Write(ref _profileName, value);
    }

    /// <summary>The user wrote to the business at <paramref name="at"/>: a conversation opened within the next 24 hours is user-initiated.</summary>
    public void Wrote(DateTimeOffset at)
    {
        lock (_conversationGate)
        {
            _wroteAt = at;
        }
    }

    /// <summary>The conversation a status at <paramref name="now"/> is counted in: the open one, or a new one of 24 hours.</summary>
    public ReceiptConversation ConversationAt(DateTimeOffset now)
    {
        lock (_conversationGate)
        {
            if (_conversation is not { } open || open.ExpiresAt <= now.ToUnixTimeSeconds())
            {
                var origin = _wroteAt is { } wrote && now - wrote <= ConversationWindow ? "user_initiated" : "business_initiated";
                _conversation = open = new ReceiptConversation(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), (now + ConversationWindow).ToUnixTimeSeconds(), origin);
            }

            return open;
        }
    }

    /// <summary>
    /// Records a new message of <paramref name="type"/> (one of <see cref="MessageTypes.Outbound"/>); true
    /// when its body's sequence is not above the highest seen (out of order); another type's JSON carries it in a text of its own.
    /// </summary>
    public bool Record(string id, string type, string body, bool delivered)
    {
        // The set's own instance: one string per type, however many messages keep it.
        type = MessageTypes.Outbound.TryGetValue(type, out var known) ? known : type;
        var hasSequence = MessageSequence.TryRead(body, out var sequence);
        lock (_delivered)
        {
            if (delivered)
            {
                _delivered.Add(id);
                _contents.Enqueue((id, type, body));
                if (_contents.Count > KeptContents)
                {
                    _contents.Dequeue();
                }
            }

            if (!hasSequence)
            {
                return false;
            }

            // The same n again under another id is a client's re-send of a message whose first try it
            // never heard back about (both are delivered): repeated, not reordered.
            if (sequence < _highestSequence)
            {
                return true;
            }

            _highestSequence = sequence;
            return false;
        }
    }

    /// <summary>The ids delivered, in order; the highest sequence; the type and body of the latest <see cref="KeptContents"/>, oldest first.</summary>
    public (IReadOnlyList<string> Ids, long HighestSequence, IReadOnlyList<(string Id, string Type, string Body)> Contents) Snapshot()
    {
        lock (_delivered)
        {
            return ([.. _delivered], _highestSequence, [.. _contents]);
        }
    }

    public int DeliveredCount
    {
        get
        {
            lock (_delivered)
            {
                return _delivered.Count;
            }
        }
    }
}
