using Coordinator.Arms.Corpus;
using Coordinator.Arms.Retrieval;

namespace Coordinator.Arms;

/// <summary>
/// One arm's pipeline: retrieve (BM25 over the build's index), rerank (overlap and proximity), reason (the
/// build's prompt). Added latency is real time spent in the stage; timings are measured, never set.
/// Thread-safe.
/// </summary>
public sealed class RagArm
{
    private readonly ArmRecipe _recipe;
    private readonly ArmIndex _index;
    private readonly TimeProvider _time;
    private long _asks;

    /// <param name="options">The arm's build and degradation; validated here.</param>
    /// <param name="corpus">The corpus; the shipped one when null.</param>
    /// <param name="time">The clock for timings and delays; the system's when null.</param>
    /// <exception cref="ArmOptionsException">The options are not valid.</exception>
    public RagArm(ArmOptions options, ArmCorpus? corpus = null, TimeProvider? time = null)
    {
        ArmOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        Corpus = corpus ?? ArmCorpus.Shipped;
        _time = time ?? TimeProvider.System;
        _recipe = ArmRecipe.For(options.Build);
        _index = ArmIndex.Build(Corpus, _recipe.Index, options.DropFraction, options.DropSeed);
        Info = new ArmBuildInfo(
            options.Name, options.Build, _index.Hash, _recipe.Index.Describe(), _recipe.RerankConf, _recipe.Prompt.Version,
            Corpus.Version, _index.Passages.Count, _index.Dropped);
    }

    /// <summary>The options the arm was built with.</summary>
    public ArmOptions Options { get; }

    /// <summary>The corpus the arm's index was built from.</summary>
    public ArmCorpus Corpus { get; }

    /// <summary>What the arm was built from (for a manifest).</summary>
    public ArmBuildInfo Info { get; }

    /// <summary>Answers one question.</summary>
    /// <param name="question">The question (non-blank).</param>
    /// <param name="seed">Breaks ties in the reason stage as a sampling seed would.</param>
    /// <param name="topK">Passages to return, 1 to <see cref="ArmOptions.MaxTopK"/>.</param>
    /// <param name="cancellationToken">Cancels the added delays.</param>
    public async Task<AskResponse> AskAsync(string question, int seed, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topK, Options.MaxTopK);

        var start = _time.GetTimestamp();
        var words = TextTerms.Words(question);
        var candidates = _index.Retrieve(_recipe.Index.Terms(question), Math.Max(topK * 3, 10));
        await DelayAsync(start, Options.RetrieveDelayMs, cancellationToken);
        var retrieved = _time.GetTimestamp();

        var byId = candidates.ToDictionary(c => c.Passage.Id, StringComparer.Ordinal);
        var ranked = Reranker.Rerank(words, [.. candidates.Select(c => new RerankInput(c.Passage.Id, c.Words, c.Score))], _recipe.Rerank)
            .Take(topK)
            .Select(r => (byId[r.Id].Passage, r.Score))
            .ToArray();
        await DelayAsync(retrieved, Options.RerankDelayMs, cancellationToken);
        var reranked = _time.GetTimestamp();

        var answer = _recipe.Prompt.Compose(words, [.. ranked.Select(r => r.Passage)], seed);
        await DelayAsync(reranked, Options.ReasonDelayMs, cancellationToken);
        var reasoned = _time.GetTimestamp();

        return new AskResponse
        {
            Arm = Options.Name,
            Answer = answer,
            Passages = [.. ranked.Select(r => new RetrievedPassage { Id = r.Passage.Id, Section = r.Passage.SectionId, Text = r.Passage.Text, Score = Math.Round(r.Score, 6) })],
            TimingsMs = new StageTimings { Retrieve = Ms(start, retrieved), Rerank = Ms(retrieved, reranked), Reason = Ms(reranked, reasoned) },
            IndexHash = Info.IndexHash,
            PromptVer = Info.PromptVer,
            Seed = seed,
        };
    }

    /// <summary>
    /// Takes the next ordinal of a valid ask and says whether it is to fail: the seeded hash of the ordinal
    /// falls under <see cref="ArmOptions.FaultFraction"/>, so a fixed seed fails the same ordinals every run.
    /// </summary>
    internal bool NextAskFails()
    {
        var ordinal = Interlocked.Increment(ref _asks);
        return Options.FaultFraction > 0 && StableHash.Unit(Options.FaultSeed, ordinal) < Options.FaultFraction;
    }

    /// <summary>Waits until <paramref name="delayMs"/> have passed since <paramref name="since"/> (timers may fire a little early).</summary>
    private async Task DelayAsync(long since, int delayMs, CancellationToken cancellationToken)
    {
        var target = TimeSpan.FromMilliseconds(delayMs);
        for (var left = target - _time.GetElapsedTime(since); left > TimeSpan.Zero; left = target - _time.GetElapsedTime(since))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), _time, cancellationToken);
        }
    }

    private double Ms(long from, long to) => Math.Round(_time.GetElapsedTime(from, to).TotalMilliseconds, 3);
}
