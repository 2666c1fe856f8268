namespace Multiconnect.Management;

/// <summary>Answers <c>/health/ready</c>. Called on every probe: it must be cheap.</summary>
public interface IReadinessProbe
{
    Task<Readiness> CheckAsync(CancellationToken cancellationToken);
}
