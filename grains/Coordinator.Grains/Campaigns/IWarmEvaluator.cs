using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Domain;

namespace Coordinator.Grains.Campaigns;

/// <summary>What the coordinator's evaluator is asked to run: the campaign's gold set against Green in one region.</summary>
/// <param name="Service">The service.</param>
/// <param name="Region">The region in Warm Green.</param>
/// <param name="Endpoint">Green's base URL for the region (<c>POST {endpoint}/ask</c>), from its registered manifest.</param>
/// <param name="Green">Green's registered manifest: the report is pinned to it.</param>
/// <param name="Warm">The spec's gold set and run settings.</param>
/// <param name="Thresholds">The campaign's gate.</param>
public sealed record WarmRequest(string Service, string Region, Uri Endpoint, ArmManifest Green, WarmSpec Warm, GateThresholds Thresholds);

/// <summary>
/// The coordinator's evaluator, registered by DI on every silo (Hosting's is the reference evaluator with a
/// sentence-embedding model): the cutover grain stays a shell that hands it a request and judges the report.
/// </summary>
public interface IWarmEvaluator
{
    /// <summary>Every problem with the spec's gold set, as errors under <c>$.warm</c>; empty when it can run.</summary>
    IReadOnlyList<FieldError> Check(WarmSpec warm);

    /// <summary>Runs the gold set; what the arm does wrong is counted in the result, never thrown.</summary>
    Task<WarmRun> RunAsync(WarmRequest request, CancellationToken cancellationToken);
}
