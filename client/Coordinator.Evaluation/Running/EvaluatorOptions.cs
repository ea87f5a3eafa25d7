using Coordinator.Campaigns;

namespace Coordinator.Evaluation.Running;

/// <summary>How the evaluator runs a gold set against an arm. <see cref="Validate"/> names every bad setting.</summary>
public sealed record EvaluatorOptions
{
    /// <summary>The seeds every paraphrase is asked with (λ is judged per seed); 1 to 10 distinct values.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2];

    /// <summary>Passages asked for (<c>top_k</c>), 1 to 50.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Calls in flight at once, 1 to 64.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Per attempt, 100 ms to 5 minutes.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per call (a timeout, 5xx or failed connection is tried again), 1 to 5; never unbounded.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Warm-up passes before measuring, 0 to 5: each asks every item's canonical question once; answers are not measured.</summary>
    public int WarmupPasses { get; init; } = 1;

    /// <summary>The targets the Warm gate judges the report against.</summary>
    public GateThresholds Thresholds { get; init; } = GateThresholds.Default;

    /// <summary>Every problem, as "field: reason"; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Seeds is null || Seeds.Count is 0 or > 10 || Seeds.Distinct().Count() != Seeds.Count)
        {
            errors.Add($"seeds: need 1 to 10 distinct seeds (got [{string.Join(", ", Seeds ?? [])}])");
        }

        Range(errors, "top_k", TopK, 1, 50);
        Range(errors, "concurrency", Concurrency, 1, 64);
        Range(errors, "attempts", Attempts, 1, 5);
        Range(errors, "warmup_passes", WarmupPasses, 0, 5);
        if (CallTimeout < TimeSpan.FromMilliseconds(100) || CallTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"call_timeout: must be 100 ms to 5 minutes (got {CallTimeout})");
        }

        if (Thresholds is null)
        {
            errors.Add("thresholds: is required");
        }
        else if (Seeds is not null && Seeds.Count < Thresholds.LambdaSeeds)
        {
            errors.Add($"seeds: the gate wants λ on {Thresholds.LambdaSeeds} seeds, but only {Seeds.Count} are asked");
        }

        return errors;
    }

    private static void Range(List<string> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{field}: must be {min} to {max} (got {value})");
        }
    }
}
