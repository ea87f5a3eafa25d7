using System.ComponentModel;
using Coordinator.Domain;
using Coordinator.Fences;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

public sealed class MoveConsumersSettings : ConsumerGroupSettings
{
    public const string DefaultDrainTimeout = "30s";

    [CommandOption("--to <CONSUMER_VER>")]
    [Description("The CONSUMER_VER to move consumption to. Required.")]
    public string? To { get; set; }

    [CommandOption("--reason <TEXT>")]
    [Description("Why, for the pointer's audit chain. Required.")]
    public string? Reason { get; set; }

    [CommandOption("--drain-timeout <DURATION>")]
    [Description("How long the current version's instances have to acknowledge the pause, e.g. 30s or 2m. Default: 30s.")]
    public string? DrainTimeout { get; set; }

    [CommandOption("--idempotency-key <KEY>")]
    [Description("Repeat a move safely: a replayed key answers with the first move and starts nothing. Default: a new GUID.")]
    public string? IdempotencyKey { get; set; }

    [CommandOption("--no-wait")]
    [Description("Start the move and return; do not follow the drain.")]
    public bool NoWait { get; set; }

    public MoveInput ToInput() => new()
    {
        ToConsumerVer = To!,
        Reason = Reason!,
        Operator = OperatorName,
        DrainTimeout = DurationText.TryParse(DrainTimeout ?? DefaultDrainTimeout, out var drain) ? drain : throw new InvalidOperationException("settings were not validated"),
        IdempotencyKey = IdempotencyKey,
        Wait = !NoWait,
    };

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        ManifestValidator.CheckVersion("--to", To, errors);
        NameRules.CheckText("--reason", Reason, MaxReasonLength, errors);
        if (!DurationText.TryParse(DrainTimeout ?? DefaultDrainTimeout, out var drain))
        {
            errors.Add(new FieldError("--drain-timeout", $"'{DrainTimeout}' is not a duration; use {DurationText.Forms}"));
        }
        else if (drain < ConsumerLimits.MinDrainTimeout || drain > ConsumerLimits.MaxDrainTimeout)
        {
            errors.Add(new FieldError("--drain-timeout", $"must be between {DurationText.Format(ConsumerLimits.MinDrainTimeout)} and {DurationText.Format(ConsumerLimits.MaxDrainTimeout)} (got {DurationText.Format(drain)})"));
        }

        if (IdempotencyKey is not null)
        {
            NameRules.CheckText("--idempotency-key", IdempotencyKey, ConsumerLimits.MaxKeyLength, errors);
        }

        return errors;
    }
}
