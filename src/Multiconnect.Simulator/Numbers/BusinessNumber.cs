using System.Collections.Concurrent;
using System.Diagnostics;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Contracts.Routing;
using Multiconnect.Simulator.Admin;
using Multiconnect.Simulator.Media;
using Multiconnect.Simulator.Sessions;
using Multiconnect.Simulator.Traffic;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// Everything the simulated WhatsApp servers know about one business number: per shard the fence
/// (highest epoch) and the live session, the ids accepted so far, what each recipient received,
/// and the receipts and inbound messages waiting for their shard's session.
/// </summary>
public sealed class BusinessNumber
{
    private const int MaxShards = 32;

    private readonly Lock _gate = new();
    private readonly ShardSlot[] _slots = [.. Enumerable.Range(0, MaxShards).Select(_ => new ShardSlot())];
    private readonly ConcurrentDictionary<string, byte> _acceptedIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RecipientLog> _recipients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _inboundRead = new(StringComparer.Ordinal);
    private readonly List<InboundMessage> _heldInbound = [];
    private readonly List<(RecipientLog Recipient, ReceiptFrame Receipt)> _heldReceipts = [];
    private long _inboundOrder;
    private int _heldReceiptCount;
    private int _shardCount;
    private long _generation;
    private string _standing = AccountStanding.Active;

    public BusinessNumber(string cc, string phone)
    {
        Cc = cc;
        Phone = phone;
        Number = cc + phone;
    }

    public string Cc { get; }

    public string Phone { get; }

    /// <summary>Country code and national number: the number's WhatsApp id.</summary>
    public string Number { get; }

    public NumberCounters Counters { get; } = new();

    /// <summary>The account's two-step verification PIN, kept by the servers.</summary>
    public TwoStep TwoStep { get; } = new();

    /// <summary>The message templates the number had approved.</summary>
    public Templates Templates { get; } = new();

    /// <summary>The number's registration: the codes sent to it, and when one registered it.</summary>
    public Registration Registration { get; } = new();

    /// <summary>Whether any shard has a session now: simulated users write only to such numbers, so abandoned ones stop growing.</summary>
    public bool HasLiveSession => Array.Exists(_slots, static slot => slot.Session is not null);

    /// <summary>
    /// The shard count in force, as sessions announce it; receipts and inbound messages are routed with it.
    /// It is the count of the newest generation a session was opened under, the smallest one announced
    /// under it (a shard beyond the count, still delivering, announces a larger one); from sessions that
    /// do not tell their generation, the newest session's.
    /// </summary>
    public int ShardCount => Volatile.Read(ref _shardCount);

    /// <summary>The account's standing (<see cref="AccountStanding"/>): only an active account has sessions.</summary>
    public string Standing
    {
        get
        {
            lock (_gate)
            {
                return _standing;
            }
        }
    }

    /// <summary>
    /// Changes the account's standing. An account that is no longer active loses every session at once,
    /// closed with the standing as the reason, and new ones are refused (<see cref="Admit"/>).
    /// </summary>
    public void SetStanding(string standing, string detail)
    {
        if (!AccountStanding.IsKnown(standing))
        {
            throw new ArgumentOutOfRangeException(nameof(standing), standing, "not a standing");
        }

        List<ShardSession> closing;
        lock (_gate)
        {
            _standing = standing;
            closing = standing == AccountStanding.Active ? [] : [.. _slots.Select(slot => slot.Session).OfType<ShardSession>()];
        }

        foreach (var session in closing)
        {
            Detach(session);
            session.Close(standing, detail);
        }
    }

    /// <summary>
    /// Opens <paramref name="session"/> unless the account is not active, or its epoch is older than the highest seen for its shard.
    /// A session with the same or a newer epoch replaces the current one, which is closed as superseded.
    /// Returns the refusal, or null when the session is open (its welcome is then queued first).
    /// </summary>
    public RefusedFrame? Admit(ShardSession session, WelcomeFrame welcome)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            if (_standing != AccountStanding.Active)
            {
                Counters.CountRefusedSession(_standing);
                return new RefusedFrame(_standing, _standing == AccountStanding.Blocked
                    ? $"+{Number} is blocked: an expired certificate was presented for it"
                    : $"+{Number} is logged out: a certificate of another number was presented for it; check the account with its own certificate");
            }

            var slot = _slots[session.Shard];
            lock (slot.Gate)
            {
                if (session.Epoch < slot.HighestEpoch)
                {
                    Counters.Increment(Counter.FencedSessions);
                    Counters.CountRefusedSession(RefusalReasons.Fenced);
                    return new RefusedFrame(
                        RefusalReasons.Fenced,
                        $"epoch {session.Epoch} is older than epoch {slot.HighestEpoch}, the highest seen for shard {session.Shard} of +{Number}",
                        slot.HighestEpoch);
                }

                // The fence rises first: from here on the old owner's sends are fenced.
                var replaced = slot.Session;
                slot.HighestEpoch = session.Epoch;
                session.TrySend(welcome);
                Counters.Increment(Counter.SessionsOpened);
                if (replaced is not null)
                {
                    slot.Session = null;
                    ReturnInFlight(replaced);
                    replaced.Close(RefusalReasons.Superseded, $"a session with epoch {session.Epoch} took over shard {session.Shard}");
                }

                // Held receipts and inbound messages go out after the welcome and before anything routed
                // without the lock can reach the session: it is published only once they are queued.
                if (session.Generation == 0 || session.Generation > _generation || (session.Generation == _generation && session.Shards < _shardCount))
                {
                    (_generation, _shardCount) = (session.Generation, session.Shards);
                }

                RouteHeld(session);
                slot.Session = session;
                return null;
            }
        }
    }

    /// <summary>The session has ended: its shard has no session until the next hello; its unacknowledged inbound messages wait.</summary>
    public void Detach(ShardSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            var slot = _slots[session.Shard];
            lock (slot.Gate)
            {
                if (ReferenceEquals(slot.Session, session))
                {
                    slot.Session = null;
                    Counters.Increment(Counter.SessionsClosed);
                }
            }

            ReturnInFlight(session);
            RouteHeld(opening: null);
        }
    }

    /// <summary>Closes the session of one shard on purpose; false when the shard has none.</summary>
    public bool CloseSession(int shard, string reason, string detail)
    {
        ShardSession? session;
        lock (_gate)
        {
            session = (uint)shard < (uint)_slots.Length ? _slots[shard].Session : null;
        }

        if (session is null)
        {
            return false;
        }

        Detach(session);
        session.Close(reason, detail);
        return true;
    }

    /// <summary>
    /// Handles one send: fencing, validation (its fields, then its content for its type), de-duplication
    /// by id, the sequence check; answers it on <paramref name="session"/> (ack or nack), then schedules
    /// its receipts, which therefore come after the ack.
    /// </summary>
    public void Accept(ShardSession session, SendFrame send, long serverTime, ReceiptScheduler receipts, IReadOnlyList<string> notOnWhatsApp, MediaHost media)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(receipts);
        ArgumentNullException.ThrowIfNull(notOnWhatsApp);
        string? recipientProblem = null;
        var recipient = RecipientFor(send.To, ref recipientProblem);
        // The content check reads only the frame: done before the shard's lock, it never holds up the
        // shard's other sends (a text is not parsed at all).
        var (contentRefusal, contentProblem) = ContentProblem(send, media, Templates);
        var slot = _slots[session.Shard];
        ReceiptPlan plan;
        // The fence check, the record and the answer are one step per shard: a takeover (Admit) comes
        // wholly before it, and the send is fenced, or wholly after it, and the ack is queued before the closing.
        lock (slot.Gate)
        {
            var highest = slot.HighestEpoch;
            if (send.Epoch < highest)
            {
                Counters.Increment(Counter.FencedSends);
                session.TrySend(new NackFrame(send.Id, RefusalReasons.Fenced, $"epoch {send.Epoch} is older than epoch {highest}, the highest seen for shard {session.Shard}"));
                return;
            }

            if (!ReferenceEquals(slot.Session, session))
            {
                Counters.Increment(Counter.RefusedSends);
                session.TrySend(new NackFrame(send.Id, RefusalReasons.Superseded, "this session is closing; send on a new session"));
                return;
            }

            var problem = send.Epoch != session.Epoch ? $"a send carries its session's epoch ({session.Epoch}), not {send.Epoch}"
                : string.IsNullOrEmpty(send.Id) || send.Id.Length > UpstreamProtocol.MaxIdLength ? $"id must have 1 to {UpstreamProtocol.MaxIdLength} characters"
                : send.Body is not { Length: <= UpstreamProtocol.MaxBodyLength } ? $"body must have at most {UpstreamProtocol.MaxBodyLength} characters, not {send.Body?.Length}"
                : recipient is null ? $"to: '{send.To}' {recipientProblem}"
                : send.Shards != 0 && !Multiconnect.Contracts.Routing.ShardCount.IsAllowed(send.Shards) ? $"shards must be 0 or one of {string.Join(", ", Multiconnect.Contracts.Routing.ShardCount.Allowed)}, not {send.Shards}"
                : null;
            if (problem is not null || recipient is null || send.Body is null)
            {
                Counters.Increment(Counter.RefusedSends);
                session.TrySend(new NackFrame(send.Id, RefusalReasons.Invalid, problem ?? "invalid"));
                return;
            }

            if (contentRefusal is not null)
            {
                Counters.Increment(Counter.RefusedSends);
                Counters.Increment(Counter.RefusedContent);
                session.TrySend(new NackFrame(send.Id, contentRefusal, contentProblem!));
                return;
            }

            if (notOnWhatsApp.Contains(recipient.Recipient.Value))
            {
                Counters.Increment(Counter.RefusedSends);
                session.TrySend(new NackFrame(send.Id, RefusalReasons.NotOnWhatsApp, $"to: {recipient.Recipient.Value} is not a WhatsApp user"));
                return;
            }

            Counters.Increment(Counter.Accepted);
            session.CountAccepted();
            if (!_acceptedIds.TryAdd(send.Id, 0))
            {
                Counters.Increment(Counter.Duplicates);
                session.TrySend(new AckFrame(send.Id, serverTime, Duplicate: true));
                return;
            }

            // The shard must have owned the recipient under the map the message was accepted by, which
            // after a change of count is an older one than its session's.
            if (recipient.ShardFor(send.Shards != 0 ? send.Shards : session.Shards) != session.Shard)
            {
                Counters.Increment(Counter.Misrouted);
            }

            plan = receipts.Plan();
            var failed = plan.HasFlag(ReceiptPlan.Failed);
            if (recipient.Record(send.Id, send.MessageType, send.Body, delivered: !failed))
            {
                Counters.Increment(Counter.OutOfOrder);
            }

            Counters.Increment(failed ? Counter.Failed : Counter.Delivered);
            session.TrySend(new AckFrame(send.Id, serverTime, Duplicate: false));
        }

        receipts.Schedule(this, recipient, send.Id, plan);
    }

    /// <summary>
    /// Why the servers refuse <paramref name="send"/> for what it holds: a type they do not deliver, or a
    /// body that is not what its type needs (<see cref="MessageContent"/>), a medium by id they do not hold,
    /// a template the number did not have approved or filled otherwise (<see cref="Templates"/>); (null, null) when they take it. A body missing or too long is left to the field checks.
    /// </summary>
    private static (string? Reason, string? Detail) ContentProblem(SendFrame send, MediaHost media, Templates templates)
    {
        if (!MessageTypes.Outbound.Contains(send.MessageType))
        {
            return (RefusalReasons.TypeUnsupported,
                $"type '{send.MessageType}' is not one the servers deliver ({string.Join(", ", MessageTypes.Outbound.Order(StringComparer.Ordinal))})");
        }

        return send.MessageType == MessageTypes.Text || send.Body is not { Length: <= UpstreamProtocol.MaxBodyLength }
            ? (null, null)
            : MessageContent.OutboundProblem(send.MessageType, send.Body) is { } problem ? (RefusalReasons.ContentInvalid, problem)
            : MessageContent.MediaId(send.MessageType, send.Body) is { } id && media.Find(id) is null
                ? (RefusalReasons.MediaMissing, $"{send.MessageType}.id: the servers hold no file {id}; it is put ({UpstreamProtocol.MediaPath}) before a message names it")
            : templates.Problem(send.MessageType, send.Body);
    }

    /// <summary>Writes a receipt to the session of the recipient's shard, or keeps it until that session exists.</summary>
    public void DeliverReceipt(RecipientLog recipient, ReceiptFrame receipt)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        // Without the lock only while nothing is held: a held receipt must not be overtaken.
        if (Volatile.Read(ref _heldReceiptCount) == 0 && SessionFor(recipient)?.TrySend(receipt) == true)
        {
            Counters.Increment(Counter.ReceiptsSent);
            return;
        }

        lock (_gate)
        {
            // A shard's receipts are held only while it has no session, and Admit sends them before it
            // publishes the next one: delivering now cannot overtake a held receipt of the same session.
            if (!TryDeliver(recipient, receipt, opening: null))
            {
                _heldReceipts.Add((recipient, receipt));
                Volatile.Write(ref _heldReceiptCount, _heldReceipts.Count);
            }
        }
    }

    /// <summary>
    /// A simulated user writes to the business (under <paramref name="name"/>, when given, from now on) a
    /// message of <paramref name="type"/>: <paramref name="body"/> is the text of a text, the JSON of the
    /// type's object for any other; the message goes to the sender's shard's session, or waits for it.
    /// </summary>
    public (string Id, int? Shard) AddInbound(RecipientId from, string body, long createdAt, string? name = null, string type = MessageTypes.Text)
    {
        ArgumentNullException.ThrowIfNull(from);
        string? problem = null;
        var sender = RecipientFor(from.Value, ref problem)!;
        if (name is not null)
        {
            sender.ProfileName = name;
        }

        sender.Wrote(DateTimeOffset.FromUnixTimeMilliseconds(createdAt));
        lock (_gate)
        {
            var message = new InboundMessage(++_inboundOrder, $"in.{Guid.CreateVersion7():N}", sender, type, body, createdAt);
            Counters.Increment(Counter.InboundCreated);
            if (!TryDeliver(message, opening: null))
            {
                _heldInbound.Add(message);
            }

            return (message.Id, ShardCount > 0 ? sender.ShardFor(ShardCount) : null);
        }
    }

    public void AckInbound(ShardSession session, string id)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            if (session.InFlightInbound.Remove(id))
            {
                Counters.Increment(Counter.InboundAcked);
            }
        }
    }

    /// <summary>
    /// The business read inbound message <paramref name="id"/>: counted once per id. An id this number
    /// never delivered to a session is ignored, and counted as such.
    /// </summary>
    public void MarkRead(string id)
    {
        if (!_inboundRead.ContainsKey(id))
        {
            Counters.Increment(Counter.ReadMarksIgnored);
        }
        else if (_inboundRead.TryUpdate(id, true, false))
        {
            Counters.Increment(Counter.ReadMarked);
        }
    }

    /// <summary>Whether inbound message <paramref name="id"/> was marked read; null when this number never delivered it.</summary>
    public bool? IsRead(string id) => _inboundRead.TryGetValue(id, out var read) ? read : null;

    /// <summary>Sends again every inbound message unacknowledged for <paramref name="after"/>, and updates session rates.</summary>
    public void Sweep(TimeSpan after)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var slot in _slots)
            {
                if (slot.Session is not { } session)
                {
                    continue;
                }

                session.UpdateRate(now);
                foreach (var message in session.InFlightInbound.Values)
                {
                    if (Stopwatch.GetElapsedTime(message.LastSentAt, now) >= after && session.TrySend(message.NextDelivery(now)))
                    {
                        Counters.Increment(Counter.InboundSent);
                    }
                }
            }
        }
    }

    public RecipientLog? FindRecipient(string recipient) => _recipients.GetValueOrDefault(recipient);

    public IReadOnlyList<RecipientSummary> Recipients() =>
        [.. _recipients.Values.Select(r => new RecipientSummary(r.Recipient.Value, r.DeliveredCount)).OrderBy(r => r.Recipient, StringComparer.Ordinal)];

    public NumberStats Describe()
    {
        lock (_gate)
        {
            var shards = _slots
                .Select((slot, shard) => (slot, shard))
                .Where(s => s.slot.EverOpened)
                .Select(s => new ShardStats(s.shard, s.slot.HighestEpoch, s.slot.Session is { } session
                    ? new SessionStats(session.Id, session.Epoch, session.Shards, session.ClientName, session.OpenedAt, session.Accepted,
                        Math.Round(session.MessagesPerSecond, 1), session.InFlightInbound.Count)
                    : null))
                .ToList();
            var pending = _heldInbound.Count + _slots.Sum(s => s.Session?.InFlightInbound.Count ?? 0);
            return new NumberStats(Number, ShardCount, Counters.Snapshot(), Counters.RefusedSessions(), pending, _heldReceipts.Count, shards, _standing);
        }
    }

    private RecipientLog? RecipientFor(string id, ref string? problem)
    {
        if (_recipients.TryGetValue(id, out var known))
        {
            return known;
        }

        return RecipientId.TryParse(id, out var parsed, out problem)
            ? _recipients.GetOrAdd(parsed.Value, static (_, recipient) => new RecipientLog(recipient), parsed)
            : null;
    }

    /// <summary>The session for <paramref name="user"/>'s shard; <paramref name="opening"/> counts as published (Admit routes to it before publishing it).</summary>
    private ShardSession? SessionFor(RecipientLog user, ShardSession? opening = null)
    {
        var shards = opening?.Shards ?? ShardCount;
        if (shards == 0)
        {
            return null;
        }

        var shard = user.ShardFor(shards);
        var session = opening is not null && opening.Shard == shard ? opening : _slots[shard].Session;
        return session is not null && session.Shards == shards && !session.IsClosing ? session : null;
    }

    private bool TryDeliver(RecipientLog recipient, ReceiptFrame receipt, ShardSession? opening)
    {
        var delivered = SessionFor(recipient, opening)?.TrySend(receipt) == true;
        if (delivered)
        {
            Counters.Increment(Counter.ReceiptsSent);
        }

        return delivered;
    }

    private bool TryDeliver(InboundMessage message, ShardSession? opening)
    {
        if (SessionFor(message.From, opening) is not { } session || !session.TrySend(message.NextDelivery(Stopwatch.GetTimestamp())))
        {
            return false;
        }

        session.InFlightInbound[message.Id] = message;
        _inboundRead.TryAdd(message.Id, false);
        Counters.Increment(Counter.InboundSent);
        return true;
    }

    private void ReturnInFlight(ShardSession session)
    {
        if (session.InFlightInbound.Count == 0)
        {
            return;
        }

        _heldInbound.AddRange(session.InFlightInbound.Values);
        session.InFlightInbound.Clear();
        _heldInbound.Sort(static (a, b) => a.Order.CompareTo(b.Order));
    }

    private void RouteHeld(ShardSession? opening)
    {
        _heldInbound.RemoveAll(message => TryDeliver(message, opening));
        // In order: a receipt stays held while an older one for the same session still waits.
        var blocked = new HashSet<int>();
        _heldReceipts.RemoveAll(held =>
        {
            var shards = opening?.Shards ?? ShardCount;
            var shard = shards > 0 ? held.Recipient.ShardFor(shards) : -1;
            if (blocked.Contains(shard))
            {
                return false;
            }

            if (TryDeliver(held.Recipient, held.Receipt, opening))
            {
                return true;
            }

            blocked.Add(shard);
            return false;
        });
        Volatile.Write(ref _heldReceiptCount, _heldReceipts.Count);
    }
}
