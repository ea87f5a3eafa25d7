using Coordinator.Domain;

namespace Coordinator.Switchover;

/// <summary>
/// How long a pushed-notice subscription lives and how often a resolver renews it, and what a
/// subscription request may name.
/// </summary>
public static class FlipPush
{
    /// <summary>
    /// A subscription not renewed for this long is dropped: an observer dies with its process without
    /// saying so. Three renewal periods, so one or two lost renewals cost nothing.
    /// </summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How often a resolver renews. It also bounds how long a resolver goes without pushes after the
    /// notifier lost its subscriptions (a silo died); meanwhile the periodic re-read covers (and the flip stream, for a resolver that follows it).
    /// </summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with a subscription's region list, each naming its field.</summary>
    public static IReadOnlyList<FieldError> CheckRegions(IReadOnlyList<string>? regions)
    {
        var errors = new List<FieldError>();
        if (regions is null || regions.Count == 0)
        {
            errors.Add(new FieldError("regions", "name at least one region"));
            return errors;
        }

        if (regions.Count > Limits.MaxFollowedRegions)
        {
            errors.Add(new FieldError("regions", $"at most {Limits.MaxFollowedRegions:N0} regions (got {regions.Count:N0})"));
            return errors;
        }

        for (var i = 0; i < regions.Count; i++)
        {
            NameRules.Check($"regions[{i}]", regions[i], errors);
        }

        return errors;
    }
}
