using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Coordinator.Campaigns;
using Coordinator.Evaluation.Arms;
using Coordinator.Evaluation.Gold;
using Microsoft.Extensions.AI;

namespace Coordinator.Evaluation.Running;

/// <summary>What the evaluator runs against: an arm of a service in a region.</summary>
/// <param name="Service">The service.</param>
/// <param name="Region">The region.</param>
/// <param name="Endpoint">The arm's base URL (<c>POST {endpoint}/ask</c>).</param>
/// <param name="Manifest">The arm's registered manifest: the report is pinned to it and the gate checks it; null when unknown.</param>
/// <param name="Arm">The arm evaluated; Green, since the Warm gate judges Green before it serves.</param>
public sealed record EvaluationTarget(string Service, string Region, Uri Endpoint, ArmManifest? Manifest = null, Arm Arm = Arm.Green);

/// <summary>
/// The reference evaluator: warms the arm up, asks it every item × paraphrase × seed with bounded
/// concurrency and per-call timeouts, measures ΔS with the embedder, coverage and λ, and builds the smoke
/// report the Warm gate judges. What the arm does wrong (timeouts, 5xx, malformed answers) is counted and
/// named, never thrown.
/// </summary>
public sealed class GoldEvaluator(IEmbeddingGenerator<string, Embedding<float>> embedder, HttpClient http, EvaluatorOptions options)
{
    /// <summary>The report's <see cref="SmokeReport.Evaluator"/> prefix.</summary>
    public const string Name = "coordinator-evaluator";

    /// <summary>Runs the gold set against the target.</summary>
    /// <exception cref="ArgumentException">The options are not valid (every problem named).</exception>
    public async Task<EvaluationResult> RunAsync(EvaluationTarget target, GoldSet gold, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(gold);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("The evaluator options are not valid: " + string.Join("; ", errors), nameof(options));
        }

        time ??= TimeProvider.System;
        var started = Stopwatch.GetTimestamp();
        var arm = new ArmClient(http, target.Endpoint, options.CallTimeout, options.Attempts);
        var warmup = await WarmUpAsync(arm, gold, cancellationToken).ConfigureAwait(false);

        var plan = (from item in gold.Items
                    from p in item.Paraphrases.Select((text, index) => (text, index))
                    from seed in options.Seeds
                    select new Call(item, p.index, p.text, seed)).ToArray();
        var outcomes = new ConcurrentDictionary<Call, (ArmAnswer? Answer, ArmCallError? Error)>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (call, token) => outcomes[call] = await arm.AskAsync(call.Text, call.Seed, options.TopK, token).ConfigureAwait(false)).ConfigureAwait(false);

        var embedStarted = Stopwatch.GetTimestamp();
        var vectors = await EmbedAsync(gold, outcomes.Values.Select(o => o.Answer), cancellationToken).ConfigureAwait(false);
        var embedTime = Stopwatch.GetElapsedTime(embedStarted);

        var scored = new List<ItemMeasures>();
        var errored = new List<ErroredItem>();
        foreach (var item in gold.Items)
        {
            var calls = plan.Where(c => c.Item == item).Select(c => (c, outcomes[c])).ToArray();
            var failures = calls.Where(x => x.Item2.Error is not null)
                .Select(x => $"paraphrase {x.c.Paraphrase + 1}, seed {x.c.Seed}: {x.Item2.Error}").ToArray();
            if (failures.Length > 0)
            {
                errored.Add(new ErroredItem(item.Id, failures));
                continue;
            }

            scored.Add(ItemScoring.Score(item, options.Seeds, calls.Select(x => new ScoredCall(x.c.Paraphrase, x.c.Seed, x.Item2.Answer!)).ToArray(), vectors));
        }

        var report = new SmokeReport
        {
            Service = target.Service,
            Region = target.Region,
            Arm = target.Arm,
            Versions = target.Manifest is { } m ? PinnedVersions.Of(m) : null,
            SubmittedAt = time.GetUtcNow(),
            Evaluator = $"{Name}; gold {gold.Name} {gold.Fingerprint}; embedder {Identity()}",
            Items = [.. scored.Select(s => new SmokeItem
            {
                Id = s.Id,
                DeltaS = [.. s.DeltaSQuestion],
                Coverage = s.Coverage,
                Lambda = [.. s.Lambda],
                LatencyMs = s.LatencyMs,
            })],
        };

        var answered = outcomes.Values.Select(o => o.Answer).OfType<ArmAnswer>().ToArray();
        return new EvaluationResult
        {
            Report = report,
            Gate = CampaignGate.EvaluateWarm(report, options.Thresholds, target.Manifest),
            GoldSetName = gold.Name,
            GoldSetFingerprint = gold.Fingerprint,
            Embedder = Identity(),
            AskUrl = arm.AskUrl,
            Items = scored,
            ErroredItems = errored,
            Stages = Stages(answered),
            Calls = plan.Length,
            FailedCalls = outcomes.Values.Count(o => o.Error is not null),
            Warmup = warmup,
            Embeddings = (vectors.Count, embedTime),
            WallTime = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>The embedder's provider and model, from its metadata.</summary>
    public EmbedderIdentity Identity()
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        return new EmbedderIdentity(metadata?.ProviderName ?? embedder.GetType().Name, metadata?.DefaultModelId ?? "unknown", metadata?.DefaultModelDimensions);
    }

    private async Task<(int, int)> WarmUpAsync(ArmClient arm, GoldSet gold, CancellationToken cancellationToken)
    {
        var questions = Enumerable.Repeat(gold.Items, options.WarmupPasses).SelectMany(items => items.Select(i => i.Question)).ToArray();
        var failed = 0;
        await Parallel.ForEachAsync(questions, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (question, token) =>
            {
                if ((await arm.AskAsync(question, 0, options.TopK, token).ConfigureAwait(false)).Error is not null)
                {
                    Interlocked.Increment(ref failed);
                }
            }).ConfigureAwait(false);
        return (questions.Length, failed);
    }

    /// <summary>Every distinct text the measures need, embedded once.</summary>
    private async Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> EmbedAsync(GoldSet gold, IEnumerable<ArmAnswer?> answers, CancellationToken cancellationToken)
    {
        var texts = gold.Items.SelectMany(i => i.Paraphrases.Append(i.Anchor))
            .Concat(answers.OfType<ArmAnswer>().SelectMany(a => a.Passages).SelectMany(p => Measures.Evidence.Sentences(p.Text)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var embeddings = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != texts.Length)
        {
            throw new InvalidOperationException($"The embedder returned {embeddings.Count} vectors for {texts.Length} texts.");
        }

        return texts.Zip(embeddings).ToDictionary(x => x.First, x => x.Second.Vector, StringComparer.Ordinal);
    }

    private static IReadOnlyList<StageLatency> Stages(IReadOnlyList<ArmAnswer> answered)
    {
        if (answered.Count == 0)
        {
            return [];
        }

        StageLatency Of(string stage, Func<ArmAnswer, double> pick)
        {
            var values = answered.Select(pick).ToArray();
            return new StageLatency(stage, SmokeSummariser.Percentile(values, 0.50), SmokeSummariser.Percentile(values, 0.95), values.Max());
        }

        return
        [
            Of("retrieve", a => a.Timings.Retrieve),
            Of("rerank", a => a.Timings.Rerank),
            Of("reason", a => a.Timings.Reason),
            Of("round_trip", a => a.RoundTripMs),
        ];
    }

    private sealed record Call(GoldItem Item, int Paraphrase, string Text, int Seed);
}
