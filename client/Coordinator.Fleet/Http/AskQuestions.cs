using Coordinator.Arms.Corpus;

namespace Coordinator.Fleet.Http;

/// <summary>A question the traffic asks and the corpus section that answers it.</summary>
public sealed record AskQuestion(string Text, string Section);

/// <summary>
/// The questions the demo's traffic asks: two per section of the shipped ops handbook, each written from
/// one of the section's passages, so coverage and ΔS have a known target.
/// </summary>
public static class AskQuestions
{
    public static IReadOnlyList<AskQuestion> Handbook { get; } =
    [
        new("How does a release go out through the deploy pipeline?", "deploys"),
        new("In what order do deploys run region by region?", "deploys"),
        new("How does a rollback point traffic back at the previous image?", "rollbacks"),
        new("What error rate and latency trigger an automatic rollback?", "rollbacks"),
        new("Who becomes incident commander when an incident starts?", "incidents"),
        new("What does a severity one incident mean?", "incidents"),
        new("How long is the on-call rotation and when does it hand over?", "oncall"),
        new("How fast must pages be acknowledged?", "oncall"),
        new("How long do cache entries live and how are they keyed?", "caches"),
        new("Why never flush the whole cache during peak hours?", "caches"),
        new("How do queue consumers stay idempotent with at-least-once delivery?", "queues"),
        new("When does queue lag page the on-call engineer?", "queues"),
        new("How long does a primary database failover take?", "databases"),
        new("How are connection pools capped per service instance?", "databases"),
        new("When do full database backups run?", "backups"),
        new("How do we recover a single customer's orders from a backup?", "backups"),
        new("How is a feature flag rolled out by percentage?", "flags"),
        new("What are kill switches and who flips them off?", "flags"),
        new("What do dashboards show for latency and why?", "observability"),
        new("How do traces sample requests?", "observability"),
        new("When do instances scale out and scale in?", "capacity"),
        new("How long does an instance need from start to serving traffic?", "capacity"),
        new("Where do secrets live and how do they reach instances?", "secrets"),
        new("How often do database passwords and API keys rotate?", "secrets"),
        new("How do edge proxies route public traffic and terminate TLS?", "network"),
        new("Does the edge proxy retry a failed request?", "network"),
        new("What is the rate limit of an API client?", "ratelimits"),
        new("How does a client get its rate limit raised?", "ratelimits"),
    ];

    /// <summary>Every question's section must be one of the corpus's; the names of those that are not.</summary>
    public static IReadOnlyList<string> MissingSections(IEnumerable<AskQuestion> questions, ArmCorpus corpus) =>
        [.. questions.Select(q => q.Section).Distinct(StringComparer.Ordinal).Where(s => corpus.Sections.All(c => c.Id != s))];
}
