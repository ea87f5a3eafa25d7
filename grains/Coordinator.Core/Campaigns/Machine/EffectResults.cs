using System.Collections.Immutable;

namespace Coordinator.Campaigns.Machine;

/// <summary>How one effect ended: its answer, a refusal by the coordinator, a failure worth retrying, or not yet (still running elsewhere).</summary>
public sealed record EffectResult
{
    private EffectResult(object? value, string? refused, string? failed, string? pending = null) => (Value, Refused, Failed, Pending) = (value, refused, failed, pending);

    /// <summary>The effect's answer (null for effects that answer nothing).</summary>
    public object? Value { get; }

    /// <summary>Set when the coordinator refused the effect (stale epoch, failed move, ...): a forward step stops the campaign.</summary>
    public string? Refused { get; }

    /// <summary>Set when the effect did not finish (a silo is down, a call timed out): the step is retried next tick.</summary>
    public string? Failed { get; }

    /// <summary>
    /// Set when the effect runs off the grain's turn and has not finished (the coordinator's Warm evaluation): the
    /// step waits and asks again next tick. Never a failure: the run is bounded by its own deadline.
    /// </summary>
    public string? Pending { get; }

    public static EffectResult Done(object? value = null) => new(value, null, null);

    /// <summary>The effect is still running; <paramref name="what"/> says what, for logs.</summary>
    public static EffectResult Running(string what) => new(null, null, null, what);

    public static EffectResult Refusal(string reason) => new(null, reason, null);

    public static EffectResult Failure(string reason) => new(null, null, reason);
}

/// <summary>The results of the effects run since the campaign state was last saved.</summary>
public sealed class EffectResults
{
    public static readonly EffectResults None = new(ImmutableDictionary<CampaignEffect, EffectResult>.Empty);

    private readonly ImmutableDictionary<CampaignEffect, EffectResult> _results;

    private EffectResults(ImmutableDictionary<CampaignEffect, EffectResult> results) => _results = results;

    public int Count => _results.Count;

    public EffectResults With(IEnumerable<KeyValuePair<CampaignEffect, EffectResult>> results) => new(_results.SetItems(results));

    public EffectResults With(CampaignEffect effect, EffectResult result) => new(_results.SetItem(effect, result));

    public bool TryGet(CampaignEffect effect, out EffectResult result) => _results.TryGetValue(effect, out result!);

    /// <summary>
    /// Where a region stands on a set of effects it needs together: the ones not run yet, else the
    /// first refusal or failure (an effect still running counts as one: not ready, ask again next tick),
    /// else every answer in order.
    /// </summary>
    public Needs Need(IEnumerable<CampaignEffect> effects)
    {
        var list = effects.ToImmutableList();
        var missing = list.Where(e => !_results.ContainsKey(e)).ToImmutableList();
        if (missing.Count > 0)
        {
            return new Needs(missing, null, null, []);
        }

        var results = list.Select(e => _results[e]).ToList();
        return new Needs([], results.FirstOrDefault(r => r.Refused is not null)?.Refused, results.FirstOrDefault(r => r.Failed is not null)?.Failed
            ?? results.FirstOrDefault(r => r.Pending is not null)?.Pending,
            [.. results.Select(r => r.Value)]);
    }
}

/// <summary>See <see cref="EffectResults.Need"/>.</summary>
public readonly record struct Needs(ImmutableList<CampaignEffect> Missing, string? Refused, string? Failed, ImmutableList<object?> Values)
{
    /// <summary>Every effect ran and none was refused or failed.</summary>
    public bool Ready => Missing.Count == 0 && Refused is null && Failed is null;

    public T Value<T>(int index) => (T)Values[index]!;
}
