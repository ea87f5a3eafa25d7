using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Arms;

public sealed class RegisterArmSettings : RegionSettings
{
    [CommandArgument(2, "<arm>")]
    [Description("blue or green.")]
    public string Arm { get; set; } = string.Empty;

    [CommandArgument(3, "<manifest>")]
    [Description("Path to the manifest JSON (snake_case keys: index_hash, embed_schema, rerank_conf, prompt_ver, model_ver, secrets_fingerprint, consumer_ver, labels).")]
    public string ManifestPath { get; set; } = string.Empty;

    [CommandOption("--operator <NAME>")]
    [Description("Who registers, for the audit chain. Default: your login name.")]
    public string? Operator { get; set; }

    public Coordinator.Arm ParsedArm => ArmExtensions.TryParse(Arm, out var arm) ? arm : throw new InvalidOperationException("settings were not validated");

    public string OperatorName => Operator ?? Commands.OperatorName.Default();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        if (!ArmExtensions.TryParse(Arm, out _))
        {
            errors.Add(new FieldError("arm", $"'{Arm}' is not an arm; use blue or green"));
        }

        if (string.IsNullOrWhiteSpace(ManifestPath))
        {
            errors.Add(new FieldError("manifest", "a path to the manifest JSON file is required"));
        }

        if (Operator is not null)
        {
            NameRules.CheckText("--operator", Operator, Commands.OperatorName.MaxLength, errors);
        }

        return errors;
    }
}
