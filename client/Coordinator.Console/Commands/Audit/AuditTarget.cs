namespace Coordinator.Console.Commands.Audit;

/// <summary>
/// Which chain a command means: a region's pointer (no writer, group or campaigns), a writer's lease,
/// a consumer group's pointer, or the service's campaign commands.
/// </summary>
public sealed record AuditTarget(string Service, string? Region, string? Writer, string? ConsumerGroup, bool Campaigns)
{
    /// <summary>The options that select this chain again, for a hint the operator can paste.</summary>
    public string Arguments =>
        Campaigns ? $"{Service} --campaigns"
        : Writer is not null ? $"{Service} {Region} --writer {Writer}"
        : ConsumerGroup is not null ? $"{Service} {Region} --consumer-group {ConsumerGroup}"
        : $"{Service} {Region}";
}
