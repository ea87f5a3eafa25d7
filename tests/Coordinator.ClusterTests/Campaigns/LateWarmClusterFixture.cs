using System.Collections.Concurrent;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Grains.Campaigns;
using Coordinator.Hosting.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>
/// A one-silo cluster whose Warm evaluator is the reference one (real MiniLM, real HTTP to the arm) made deaf to
/// cancellation, as an evaluator stuck in a call or an embedding batch is: a run the campaign gave up on still
/// finishes with a real report, late. Every run is recorded per service, so a test can wait for it to end.
/// </summary>
public sealed class LateWarmClusterFixture : ClusterFixture
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Task<WarmRun>>> RunsByService = new(StringComparer.Ordinal);

    protected override short Silos => 1;

    /// <summary>The runs the silo's evaluator started for the service, in order.</summary>
    public static IReadOnlyList<Task<WarmRun>> Runs(string service) => [.. RunsByService.GetOrAdd(service, _ => new())];

    protected override void Configure(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<DeafEvaluatorConfigurator>();

    private sealed class DeafEvaluatorConfigurator : ISiloConfigurator
    {
        // Registered after the product's evaluator, so the cutover grains resolve this one.
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<IWarmEvaluator>(_ => new DeafEvaluator(new GoldWarmEvaluator()));
    }

    private sealed class DeafEvaluator(GoldWarmEvaluator inner) : IWarmEvaluator
    {
        public IReadOnlyList<FieldError> Check(WarmSpec warm) => inner.Check(warm);

        public Task<WarmRun> RunAsync(WarmRequest request, CancellationToken cancellationToken)
        {
            var run = inner.RunAsync(request, CancellationToken.None);
            RunsByService.GetOrAdd(request.Service, _ => new()).Enqueue(run);
            return run;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LateWarmCollection : ICollectionFixture<LateWarmClusterFixture>
{
    public const string Name = "one silo, a Warm evaluator deaf to cancellation";
}
