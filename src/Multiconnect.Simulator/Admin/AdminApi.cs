using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Contracts.Routing;
using Multiconnect.Simulator.Authority;
using Multiconnect.Simulator.Faults;
using Multiconnect.Simulator.Media;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Certificates;

namespace Multiconnect.Simulator.Admin;

/// <summary>The observer, the certificate authority's issuing endpoint, the servers' clock and fault injection, behind the admin token.</summary>
public static class AdminApi
{
    private const int DefaultValidDays = 30;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(UpstreamProtocol.CaPath, GetCaPublicKey).AllowAnonymous();

        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminTokenFilter>();
        admin.MapGet("/stats", GetStats);
        admin.MapGet("/numbers/{number}", GetNumber);
        admin.MapGet("/numbers/{number}/recipients", GetRecipients);
        admin.MapGet("/numbers/{number}/recipients/{recipient}/delivered", GetDelivered);
        admin.MapPost("/numbers/{number}/inbound", InjectInbound);
        admin.MapGet("/numbers/{number}/inbound/{id}", GetInbound);
        admin.MapPost("/numbers/{number}/standing", SetStanding);
        admin.MapGet("/numbers/{number}/codes", GetCodes);
        admin.MapPost("/numbers/{number}/templates", ApproveTemplate);
        admin.MapGet("/numbers/{number}/templates", GetTemplates);
        admin.MapGet("/clock", GetClock);
        admin.MapPost("/clock", AdvanceClock);
        admin.MapPost("/certificates", IssueCertificate);
        admin.MapGet("/faults", GetFaults);
        admin.MapDelete("/faults", ClearFaults);
        admin.MapPost("/faults/close-session", CloseSession);
        admin.MapPost("/faults/latency", AddLatency);
        admin.MapPost("/faults/refuse-sessions", RefuseSessions);
        return app;
    }

    public static Ok<CaPublicKeyResponse> GetCaPublicKey(CertificateAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return TypedResults.Ok(new CaPublicKeyResponse(CertificateEnvelope.Es256, authority.KeyId, Convert.ToBase64String(authority.PublicKey), authority.PublicKeyPem));
    }

    public static Ok<StatsResponse> GetStats(BusinessNumbers numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var all = numbers.All.Select(n => n.Describe()).OrderBy(n => n.Number, StringComparer.Ordinal).ToList();
        var totals = all.SelectMany(n => n.Counters)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        totals["inbound_pending"] = all.Sum(n => n.InboundPending);
        return TypedResults.Ok(new StatsResponse(totals, all));
    }

    public static Results<Ok<NumberStats>, NotFound<AdminError>> GetNumber(string number, BusinessNumbers numbers) =>
        Find(numbers, number) is { } business ? TypedResults.Ok(business.Describe()) : UnknownNumber(number);

    public static Results<Ok<IReadOnlyList<RecipientSummary>>, NotFound<AdminError>> GetRecipients(string number, BusinessNumbers numbers) =>
        Find(numbers, number) is { } business ? TypedResults.Ok(business.Recipients()) : UnknownNumber(number);

    public static Results<Ok<DeliveredResponse>, NotFound<AdminError>> GetDelivered(string number, string recipient, BusinessNumbers numbers)
    {
        if (Find(numbers, number) is not { } business)
        {
            return UnknownNumber(number);
        }

        var canonical = RecipientId.TryParse(recipient, out var parsed, out _) ? parsed.Value : recipient;
        if (business.FindRecipient(canonical) is not { } log)
        {
            return TypedResults.Ok(new DeliveredResponse(business.Number, canonical, [], -1, []));
        }

        var (ids, highestSequence, contents) = log.Snapshot();
        return TypedResults.Ok(new DeliveredResponse(business.Number, canonical, ids, highestSequence,
            [.. contents.Select(c => new DeliveredMessage(c.Id, c.Type, c.Body))]));
    }

    public static Results<Ok<InjectInboundResponse>, BadRequest<AdminError>, NotFound<AdminError>> InjectInbound(
        string number, InjectInboundRequest request, BusinessNumbers numbers, MediaHost media, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        if (Find(numbers, number) is not { } business)
        {
            return UnknownNumber(number);
        }

        if (!RecipientId.TryParse(request.From, out var from, out var problem))
        {
            return Invalid($"from: '{request.From}' {problem}");
        }

        if (request.Name is { } name && (name.Length is 0 or > 256 || name.Any(char.IsControl)))
        {
            return Invalid("name: must have 1 to 256 characters, none of them a control character");
        }

        var type = request.Type ?? MessageTypes.Text;
        if (!MessageTypes.Inbound.Contains(type))
        {
            return Invalid($"type: '{type}' is not a type users write (one of {string.Join(", ", MessageTypes.Inbound.Order(StringComparer.Ordinal))})");
        }

        var (body, invalid) = InboundBody(request, type, from, media);
        if (body is null)
        {
            return Invalid(invalid!);
        }

        if (body.Length > UpstreamProtocol.MaxBodyLength)
        {
            return Invalid($"{type}: the message must have at most {UpstreamProtocol.MaxBodyLength} characters, not {body.Length}");
        }

        var (id, shard) = business.AddInbound(from, body, clock.GetUtcNow().ToUnixTimeMilliseconds(), request.Name, type);
        return TypedResults.Ok(new InjectInboundResponse(id, business.Number, from.Value, shard));
    }

    /// <summary>
    /// The body of the message a request injects, or why there is none: the text of a text; for any other
    /// type the compact JSON of its object, completed as the servers complete a user's media, once it is
    /// what the original's webhook shows for the type (<see cref="MessageContent.InboundProblem"/>).
    /// </summary>
    private static (string? Body, string? Problem) InboundBody(InjectInboundRequest request, string type, RecipientId from, MediaHost media)
    {
        var objects = request.Objects();
        if (objects.Keys.FirstOrDefault(given => given != type) is { } other)
        {
            return (null, $"{other}: not allowed for type '{type}'");
        }

        if (type == MessageTypes.Text)
        {
            if (!objects.TryGetValue(MessageTypes.Text, out var text))
            {
                return (request.Body ?? $"Hello from {from.Value}", null);
            }

            return request.Body is not null ? (null, "body: give the text as body or as text.body, not both")
                : MessageContent.InboundProblem(type, text) is { } problem ? (null, problem)
                : (text.GetProperty("body").GetString(), null);
        }

        if (request.Body is not null)
        {
            return (null, $"body: only for a text; a '{type}' message gives its {type} object");
        }

        if (!objects.TryGetValue(type, out var content))
        {
            return (null, $"{type}: required, the object of a '{type}' message");
        }

        var body = InboundContent.Completed(type, JsonNode.Parse(content.GetRawText())!, media).ToJsonString();
        using var document = JsonDocument.Parse(body);
        return MessageContent.InboundProblem(type, document.RootElement) is { } invalid ? (null, invalid) : (body, null);
    }

    public static Results<Ok<InboundStatusResponse>, NotFound<AdminError>> GetInbound(string number, string id, BusinessNumbers numbers)
    {
        if (Find(numbers, number) is not { } business)
        {
            return UnknownNumber(number);
        }

        return business.IsRead(id) is { } read
            ? TypedResults.Ok(new InboundStatusResponse(business.Number, id, read))
            : TypedResults.NotFound(new AdminError($"+{business.Number} never delivered an inbound message '{id}'"));
    }

    /// <summary>The number's registration and the codes sent to it: how a test, or an operator, reads a code as the number's phone would receive it.</summary>
    public static Results<Ok<RegistrationResponse>, NotFound<AdminError>> GetCodes(string number, BusinessNumbers numbers)
    {
        if (Find(numbers, number) is not { } business)
        {
            return UnknownNumber(number);
        }

        var (registeredAt, codes) = business.Registration.Snapshot();
        return TypedResults.Ok(new RegistrationResponse(
            registeredAt is not null,
            registeredAt?.ToUnixTimeSeconds(),
            [.. codes.Select(c => new SentCodeResponse(c.Code, c.Method, c.SentAt.ToUnixTimeSeconds()))]));
    }

    public static Ok<ClockResponse> GetClock(SimulatorClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TypedResults.Ok(Describe(clock));
    }

    /// <summary>Lets time pass for certificates and registrations: the clock only moves forward.</summary>
    public static Results<Ok<ClockResponse>, BadRequest<AdminError>> AdvanceClock(AdvanceClockRequest request, SimulatorClock clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        if (request.AdvanceSeconds is not { } seconds || !(seconds >= 0 && seconds <= SimulatorClock.MaxAdvance.TotalSeconds))
        {
            return Invalid($"advance_seconds must be between 0 and {SimulatorClock.MaxAdvance.TotalSeconds:0} ({SimulatorClock.MaxAdvance.TotalDays:0} days)");
        }

        var offset = clock.Advance(TimeSpan.FromSeconds(seconds));
        Log(loggers, $"clock advanced by {seconds} s, now {offset.TotalSeconds} s ahead");
        return TypedResults.Ok(Describe(clock));
    }

    public static Results<Ok<CertificateResponse>, BadRequest<AdminError>> IssueCertificate(
        IssueCertificateRequest request, CertificateAuthority authority, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        if (CertificateAuthority.ValidityProblem(request.ValidDays, request.ExpiresAt, now) is { } validity)
        {
            return Invalid(validity);
        }

        var expiresAt = request.ExpiresAt ?? now.AddDays(request.ValidDays ?? DefaultValidDays);
        var issuedAt = expiresAt <= now ? expiresAt.AddDays(-1) : now;
        var problem = CertificateAuthority.Problem(request.Cc, request.Phone, request.Name, issuedAt, expiresAt);
        if (problem is not null)
        {
            return Invalid(problem);
        }

        var cert = authority.Issue(request.Cc!, request.Phone!, request.Name!, issuedAt, expiresAt);
        return TypedResults.Ok(new CertificateResponse(cert, authority.KeyId, DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds()),
            DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds())));
    }

    public static Ok<FaultsResponse> GetFaults(FaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var latency = faults.Describe(out var refusals);
        return TypedResults.Ok(new FaultsResponse(latency, refusals));
    }

    public static NoContent ClearFaults(FaultInjector faults, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(faults);
        faults.Clear();
        Log(loggers, "all faults cleared");
        return TypedResults.NoContent();
    }

    public static Results<NoContent, BadRequest<AdminError>, NotFound<AdminError>> CloseSession(
        CloseSessionRequest request, BusinessNumbers numbers, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shard is not { } shard)
        {
            return Invalid("shard is required");
        }

        if (Find(numbers, request.Number) is not { } business)
        {
            return UnknownNumber(request.Number);
        }

        if (!business.CloseSession(shard, RefusalReasons.ClosedByFault, "an operator closed this session (fault injection)"))
        {
            return TypedResults.NotFound(new AdminError($"+{business.Number} has no session on shard {shard}"));
        }

        Log(loggers, $"closed the session of +{business.Number} shard {shard}");
        return TypedResults.NoContent();
    }

    public static Results<NoContent, BadRequest<AdminError>> AddLatency(LatencyFaultRequest request, FaultInjector faults, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(faults);
        if (request.Milliseconds is not (>= 0 and <= 60_000) || request.Seconds is <= 0)
        {
            return Invalid("milliseconds must be between 0 and 60000, and seconds (optional) positive");
        }

        faults.AddLatency(request.Number, TimeSpan.FromMilliseconds(request.Milliseconds.Value), request.Seconds is { } s ? TimeSpan.FromSeconds(s) : null);
        Log(loggers, $"{request.Milliseconds} ms latency for {request.Number ?? "all numbers"}, {(request.Seconds is { } d ? $"{d} s" : "until cleared")}");
        return TypedResults.NoContent();
    }

    public static Results<NoContent, BadRequest<AdminError>, NotFound<AdminError>> SetStanding(
        string number, SetStandingRequest request, BusinessNumbers numbers, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AccountStanding.IsKnown(request.Standing))
        {
            return Invalid($"standing must be {AccountStanding.Active}, {AccountStanding.LoggedOut} or {AccountStanding.Blocked}");
        }

        if (Find(numbers, number) is not { } business)
        {
            return UnknownNumber(number);
        }

        business.SetStanding(request.Standing!, $"the servers' operator set the account {request.Standing}");
        Log(loggers, $"+{business.Number} set {request.Standing}");
        return TypedResults.NoContent();
    }

    public static Results<NoContent, BadRequest<AdminError>, NotFound<AdminError>> ApproveTemplate(string number, ApproveTemplateRequest request, BusinessNumbers numbers)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = request.Name is not { Length: >= 1 and <= 512 } ? "name must have 1 to 512 characters"
            : request.Language is not { Length: >= 1 and <= 20 } ? "language must have 1 to 20 characters (a code such as en_US)"
            : request.Parameters is not (>= 0 and <= 100) ? "parameters must be 0 to 100, the parameters its body takes"
            : null;
        if (problem is not null)
        {
            return Invalid(problem);
        }

        if (Find(numbers, number) is not { } business)
        {
            return UnknownNumber(number);
        }

        business.Templates.Approve(request.Name!, request.Language!, request.Parameters!.Value);
        return TypedResults.NoContent();
    }

    public static Results<Ok<List<TemplateResponse>>, NotFound<AdminError>> GetTemplates(string number, BusinessNumbers numbers) =>
        Find(numbers, number) is { } business
            ? TypedResults.Ok(business.Templates.List().Select(t => new TemplateResponse(t.Name, t.Language, t.Parameters)).ToList())
            : UnknownNumber(number);

    public static Results<NoContent, BadRequest<AdminError>> RefuseSessions(RefuseSessionsRequest request, FaultInjector faults, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(faults);
        if (request.Seconds is not > 0)
        {
            return Invalid("seconds must be positive");
        }

        faults.RefuseSessions(request.Number, TimeSpan.FromSeconds(request.Seconds.Value));
        Log(loggers, $"refusing new sessions for {request.Number ?? "all numbers"} for {request.Seconds} s");
        return TypedResults.NoContent();
    }

    private static ClockResponse Describe(SimulatorClock clock) => new(clock.Offset.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds());

    private static BusinessNumber? Find(BusinessNumbers numbers, string? number)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        return number is null ? null : numbers.Find(number.TrimStart('+'));
    }

    private static NotFound<AdminError> UnknownNumber(string? number) =>
        TypedResults.NotFound(new AdminError($"No session has ever been opened for number '{number}'."));

    private static BadRequest<AdminError> Invalid(string problem) => TypedResults.BadRequest(new AdminError(problem));

    private static void Log(ILoggerFactory loggers, string fault) => loggers.CreateLogger(typeof(AdminApi).FullName!).FaultInjected(fault);
}
