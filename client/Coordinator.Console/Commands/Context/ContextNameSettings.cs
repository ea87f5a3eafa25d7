using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Context;

public sealed class ContextNameSettings : ConsoleSettings
{
    [CommandArgument(0, "<name>")]
    [Description("A saved context's name.")]
    public string Name { get; set; } = string.Empty;

    public override ValidationResult Validate()
    {
        var errors = new List<FieldError>();
        NameRules.Check("name", Name, errors);
        return Result(errors);
    }
}
