using System.ComponentModel;
using Coordinator.Operations.Regions;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Flip;

public sealed class FlipSettings : RegionSettings
{
    public const int MaxReasonLength = Coordinator.Domain.Limits.MaxReasonLength;
    public const int MaxIdempotencyKeyLength = Coordinator.Domain.Limits.MaxIdempotencyKeyLength;

    [CommandOption("--to <ARM>")]
    [Description("The arm to make active: blue or green. Required.")]
    public string? To { get; set; }

    [CommandOption("--reason <TEXT>")]
    [Description("Why, for the audit chain. Required.")]
    public string? Reason { get; set; }

    [CommandOption("--operator <NAME>")]
    [Description("Who flips, for the audit chain. Default: your login name.")]
    public string? Operator { get; set; }

    [CommandOption("--expected-epoch <N>")]
    [Description("Flip only if the region is still at this epoch. Default: the epoch read just before flipping.")]
    public long? ExpectedEpoch { get; set; }

    [CommandOption("--idempotency-key <KEY>")]
    [Description("Repeat a flip safely: a replayed key returns the first result and flips nothing. Default: a new GUID.")]
    public string? IdempotencyKey { get; set; }

    public FlipInput ToInput() => new()
    {
        Target = ArmExtensions.TryParse(To, out var arm) ? arm : throw new InvalidOperationException("settings were not validated"),
        Reason = Reason!,
        Operator = Operator ?? OperatorName.Default(),
        ExpectedEpoch = ExpectedEpoch,
        IdempotencyKey = IdempotencyKey,
    };

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        errors.AddRange(FlipInput.Check(FlipFieldNames.Console, To, Reason, Operator, ExpectedEpoch, IdempotencyKey));
        return errors;
    }
}
