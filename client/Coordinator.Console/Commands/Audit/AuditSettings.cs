using System.ComponentModel;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

public sealed class AuditSettings : RegionSettings
{
    [CommandOption("--verify")]
    [Description("Verify the hash chain on the grain and again locally; exit code 5 if it does not hold.")]
    public bool Verify { get; set; }

    [CommandOption("--json")]
    [Description("Print the entries (and the verdict, with --verify) as JSON on standard output (for scripts).")]
    public bool Json { get; set; }
}
