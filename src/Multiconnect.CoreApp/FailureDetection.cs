using Orleans.Configuration;

namespace Multiconnect.CoreApp;

/// <summary>
/// How fast a crashed or hung CoreApp is declared dead (docs/failover.md explains each value and its
/// false-positive risk). Orleans' defaults take 10–65 s; these aim at 2–3 s.
/// </summary>
public static class FailureDetection
{
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A probe (ping) unanswered for 1 s counts as missed; two missed in a row make the prober
        // suspect the silo. A healthy silo answers in milliseconds, so 1 s leaves a wide margin.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;

        // Each silo probes three others (Orleans' default is ten): every silo is still watched by about
        // three, enough for the two votes below, and the pings a silo sends no longer grow with the
        // cluster (16 idle CoreApps: 12 % less CPU).
        options.NumProbedSilos = 3;

        // Two silos must suspect it (Orleans asks fewer when fewer are alive), so one prober's own
        // hiccup cannot kill a healthy silo.
        options.NumVotesForDeathDeclaration = 2;

        // Indirect probes (asking a third silo to probe before suspecting) are off: with a hung
        // silo, the intermediary's probe times out too, and Orleans counts that as inconclusive,
        // not as a miss; measured here, a SIGSTOPped silo then took 35–57 s to be declared dead.
        // The two-vote rule above is what guards against a single confused prober instead.
        options.EnableIndirectProbes = false;

        // A silo that is itself unhealthy (starved of CPU) waits longer before suspecting others,
        // up to MaxProbeTimeout. That cap also sets how long a silo that recently sent us messages
        // is presumed alive despite failed probes (MaxProbeTimeout × NumMissedProbesLimit): with
        // Orleans' 4 s it was 8 s, which is what a hung (SIGSTOPped) silo took to be declared dead.
        options.ExtendProbeTimeoutDuringDegradation = true;
        options.MaxProbeTimeout = TimeSpan.FromSeconds(1.5);
        options.EnableConnectionLivenessCheck = true;

        // Each silo writes "I am alive" in the membership table every 2 s, and one silent for 3 of
        // those is stale. A silo that joins checks it can reach every active silo first, skipping the
        // stale ones: when the only active CoreApp crashed while the others were restarting, nobody was
        // left to vote it dead, and with Orleans' 30 s × 2 the joiners waited a minute for it to go
        // stale (measured: a shard served again 71 s after the kill). No silo is declared dead for
        // being stale; only probes and votes do that.
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedTableIAmAliveLimit = 3;
    }
}
