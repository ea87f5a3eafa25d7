using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands;

/// <summary>Options every command has.</summary>
public class ConsoleSettings : CommandSettings
{
    [CommandOption("--debug")]
    [Description("Print the stack trace of unexpected errors.")]
    public bool Debug { get; set; }

    /// <summary>Turns collected field errors into Spectre's validation result, one error per line.</summary>
    protected static ValidationResult Result(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0
            ? ValidationResult.Success()
            : ValidationResult.Error("invalid input:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)));
}
