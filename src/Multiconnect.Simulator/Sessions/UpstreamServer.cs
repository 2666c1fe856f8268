using Microsoft.Extensions.Options;
using Multiconnect.Simulator.Authority;
using Multiconnect.Simulator.Faults;
using Multiconnect.Simulator.Media;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Simulator.Traffic;

namespace Multiconnect.Simulator.Sessions;

/// <summary>What every upstream connection shares: the numbers' state, the CA, the faults, the receipts, the settings.</summary>
public sealed class UpstreamServer(
    BusinessNumbers numbers,
    CertificateAuthority authority,
    FaultInjector faults,
    ReceiptScheduler receipts,
    MediaHost media,
    IOptions<SimulatorOptions> options,
    TimeProvider clock,
    ILogger<UpstreamServer> logger)
{
    public BusinessNumbers Numbers { get; } = numbers;

    public CertificateAuthority Authority { get; } = authority;

    public FaultInjector Faults { get; } = faults;

    public ReceiptScheduler Receipts { get; } = receipts;

    public MediaHost Media { get; } = media;

    public SimulatorOptions Options { get; } = options.Value;

    public TimeProvider Clock { get; } = clock;

    public ILogger Logger { get; } = logger;
}
