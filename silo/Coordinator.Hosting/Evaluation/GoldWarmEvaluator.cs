using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Domain;
using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Running;
using Coordinator.Grains.Campaigns;
using Microsoft.Extensions.AI;

namespace Coordinator.Hosting.Evaluation;

/// <summary>
/// The reference evaluator on a silo: the process's shared MiniLM (<see cref="MiniLmEmbeddingGenerator.Shared"/>,
/// loaded on first use, once however many silos the process runs) unless another embedder is given, one
/// HTTP client; each run parses the spec's gold set, asks Green through <see cref="GoldEvaluator"/> and
/// hands back the smoke report and what the campaign keeps of it.
/// </summary>
public sealed class GoldWarmEvaluator(Func<IEmbeddingGenerator<string, Embedding<float>>>? embedderFactory = null) : IWarmEvaluator, IDisposable
{
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _embedder = new(embedderFactory ?? (() => MiniLmEmbeddingGenerator.Shared));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <inheritdoc />
    public IReadOnlyList<FieldError> Check(WarmSpec warm)
    {
        ArgumentNullException.ThrowIfNull(warm);
        try
        {
            GoldSet.Parse(warm.GoldSetContent);
            return [];
        }
        catch (GoldSetFormatException ex)
        {
            var source = string.IsNullOrEmpty(warm.GoldSet) ? string.Empty : $"gold set '{warm.GoldSet}': ";
            return [.. ex.Errors.Select(e => new FieldError("$.warm.gold_set_content", source + e))];
        }
    }

    /// <inheritdoc />
    public Task<WarmRun> RunAsync(WarmRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Off the caller's scheduler: scoring and embedding are CPU work, not a grain's turn.
        return Task.Run(() => RunCoreAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<WarmRun> RunCoreAsync(WarmRequest request, CancellationToken cancellationToken)
    {
        var warm = request.Warm;
        var gold = GoldSet.Parse(warm.GoldSetContent);
        var options = new EvaluatorOptions
        {
            Seeds = warm.Seeds,
            Concurrency = warm.Concurrency,
            CallTimeout = warm.CallTimeout,
            WarmupPasses = warm.Warmup,
            Thresholds = request.Thresholds,
        };
        var result = await new GoldEvaluator(_embedder.Value, _http, options)
            .RunAsync(new EvaluationTarget(request.Service, request.Region, request.Endpoint, request.Green), gold, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new WarmRun(result.Report, new WarmEvaluation
        {
            GoldSet = result.GoldSetName,
            GoldSetFingerprint = result.GoldSetFingerprint,
            Embedder = result.Embedder.ToString(),
            AskUrl = result.AskUrl.ToString(),
            Calls = result.Calls,
            FailedCalls = result.FailedCalls,
            ErroredItems = result.ErroredItems.Count,
            FirstError = result.ErroredItems.SelectMany(i => i.Errors.Select(e => $"item {i.Id}, {e}")).FirstOrDefault(),
            WallTime = result.WallTime,
            Summary = SmokeSummariser.Summarise(result.Report, request.Thresholds.Paraphrases, request.Thresholds.LambdaSeeds),
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        if (_embedder.IsValueCreated && _embedder.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
