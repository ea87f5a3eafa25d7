using System.ComponentModel;
using Coordinator.Domain;
using Coordinator.Fences;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

public sealed class ConfigureConsumersSettings : ConsumerGroupSettings
{
    [CommandOption("--consumer-ver <VERSION>")]
    [Description("The CONSUMER_VER that may consume. Required; a configured pointer changes version only by a move.")]
    public string? ConsumerVer { get; set; }

    [CommandOption("--partitions <N>")]
    [Description("Partitions 0..N-1. Required; may grow, never shrink.")]
    public string? Partitions { get; set; }

    [CommandOption("--ledger-policy <POLICY>")]
    [Description("What a full idempotency ledger does: fail-closed (refuse new keys and pause the group; the default for a new group) or fail-open (evict the oldest keys and count them). Omitted: keep the group's policy.")]
    public string? LedgerPolicyName { get; set; }

    public int PartitionCount => (int)WholeNumber.Parsed(Partitions);

    /// <summary>The parsed <c>--ledger-policy</c>; null when omitted.</summary>
    public LedgerPolicy? LedgerPolicy => LedgerPolicyName switch
    {
        null => null,
        "fail-closed" => Fences.LedgerPolicy.FailClosed,
        "fail-open" => Fences.LedgerPolicy.FailOpen,
        _ => throw new InvalidOperationException($"unchecked --ledger-policy '{LedgerPolicyName}'"),
    };

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        ManifestValidator.CheckVersion("--consumer-ver", ConsumerVer, errors);
        WholeNumber.Check("--partitions", Partitions, 1, ConsumerLimits.MaxPartitions, errors);
        if (LedgerPolicyName is not (null or "fail-closed" or "fail-open"))
        {
            errors.Add(new FieldError("--ledger-policy", $"must be fail-closed or fail-open (got '{LedgerPolicyName}')"));
        }

        return errors;
    }
}
