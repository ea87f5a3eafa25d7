using System.ComponentModel;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
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
    public LedgerPolicy? LedgerPolicy => LedgerPolicyName is null
        ? null
        : LedgerPolicies.Parse(LedgerPolicyName) ?? throw new InvalidOperationException($"unchecked --ledger-policy '{LedgerPolicyName}'");

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        ManifestValidator.CheckVersion("--consumer-ver", ConsumerVer, errors);
        WholeNumber.Check("--partitions", Partitions, 1, ConsumerLimits.MaxPartitions, errors);
        LedgerPolicies.Check("--ledger-policy", LedgerPolicyName, errors);
        return errors;
    }
}
